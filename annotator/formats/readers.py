"""Readers: paths in, `ArticleDraft`s (or the reason a file or line was refused) out.

Readers never raise for bad input. They yield an `InputFileError` in place of
each article they could not read, so the import service can either refuse the
whole batch, naming every problem at once, or import the good part (`--skip-bad`).
"""

from __future__ import annotations

import csv
import html
import io
import json
import logging
import os
import re
import stat
import unicodedata
from bisect import bisect_left
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from annotator.core.errors import InputFileError, display_path, missing_reason
from annotator.core.limits import MAX_ENTITY_LABEL_CHARS, MAX_TEXT_CHARS
from annotator.core.model import (
    GOLD_ANNOTATOR,
    QUOTE_CORRECTED,
    QUOTE_STATUSES,
    ArticleDraft,
    ArticleStatus,
    ClaimDraft,
    ClaimLabel,
    Entity,
    EntityStatus,
    Quote,
    QuoteKind,
    QuoteSuggestion,
    Speaker,
)
from annotator.core.offsets import OffsetMap
from annotator.core.settings import MAX_NAME_CHARS, NameProblem, annotator_name, annotator_name_problem
from annotator.core.text import normalize_text, sizes_over, strip_span
from annotator.core.validate import InvalidValue, check_meta_value, check_text
from annotator.core.validate import loads as strict_json
from annotator.formats.decoding import DEFAULT_MAX_BYTES, decode

log = logging.getLogger(__name__)

ReadResult = ArticleDraft | InputFileError

ReadFn = Callable[[str, Path, str, "str | None"], Iterator[ReadResult]]
"""`read(text, path, encoding, text_column)`: decoded file content in, drafts and rejections out."""


@dataclass(frozen=True)
class Reader:
    """One input format: what people call it, the file endings it claims, and how to read it."""

    name: str
    extensions: tuple[str, ...]
    read: ReadFn
    html: bool = False
    """Decode as HTML does (a `<meta charset>` may name the encoding)."""


READERS: dict[str, Reader] = {}
"""Every input format by file ending (lower case, with the dot), in the order registered.

Importing a folder, refusing an unknown file, the CLI's help and the window's import
dialog all read this, so a new format is one `@reader(...)` function at the end of
this module.
"""


def reader(name: str, *extensions: str, html: bool = False) -> Callable[[ReadFn], ReadFn]:
    """Register a read function for files with these endings."""

    def register(read: ReadFn) -> ReadFn:
        entry = Reader(name, tuple(extensions), read, html=html)
        for extension in extensions:
            if extension in READERS:
                raise ValueError(f"two readers claim {extension}")
            READERS[extension] = entry
        return read

    return register


def supported_extensions() -> frozenset[str]:
    """Every file ending some reader reads."""
    return frozenset(READERS)


ENTITY_LABELS = frozenset(
    {
        "PERSON", "PER", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW",
        "LANGUAGE", "DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL", "MISC",
    }
)  # fmt: skip
"""spaCy's English (OntoNotes) labels plus the CoNLL ones; spans with these labels become entities."""

MAX_BAD_LINES = 1_000
"""Rejected lines of one file past which the file is left out whole: a 20 MB file of ten million
bad lines kept ten million rejections (3 GB) and named every one."""

_CLAIM_LABELS = {label.value: label for label in ClaimLabel}
_TITLE_MAX_CHARS = 150
_TITLE_MAX_WORDS = 25
# Wire copy opens with a dateline ("Friday, January 4, 2019"), which is short and has no period
# but is not a title.
_DATELINE = re.compile(
    r"^(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
    r"(?:\d{1,2}\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(?:\d{1,2},?\s+)?\d{4}$"
    r"|^\d{4}-\d{2}-\d{2}$",
    re.IGNORECASE,
)


def iter_input_files(path: str | Path) -> Iterator[Path]:
    """The files an import of `path` reads: the file itself, or a folder's supported entries, sorted.

    A folder's pipes, devices and links are listed too (not its folders), so that reading
    names each one it refuses: a `pipe.txt` skipped in silence looked like a lost article.
    """
    root = Path(path)
    if not root.is_dir():
        yield root
        return
    found = sorted(
        p
        for p in root.rglob("*")
        if p.suffix.lower() in READERS
        and not p.is_dir()
        and not any(part.startswith(".") for part in p.relative_to(root).parts)
        and not _saved_with_a_page(p, root)
    )
    yield from found


_INCEPTION_INSTEAD = (
    'export the documents from INCEpTION as "Plain text" for their texts, or write its labels as '
    "JSON Lines spans"
)
_WORD_INSTEAD = "save them as plain text (.txt) and import that"
_PASSED_OVER: dict[str, tuple[str, str]] = {
    ".xmi": ("INCEpTION .xmi", _INCEPTION_INSTEAD),
    ".ser": ("INCEpTION .ser", _INCEPTION_INSTEAD),
    ".json": (".json", "if each line is one article, rename the file .jsonl"),
    ".pdf": (".pdf", "not supported; copy the article's text into a .txt file"),
    ".docx": ("Word .docx", _WORD_INSTEAD),
    ".doc": ("Word .doc", _WORD_INSTEAD),
    ".odt": (".odt", _WORD_INSTEAD),
    ".rtf": (".rtf", _WORD_INSTEAD),
    ".db": ("project", "open or merge a project as a project, not as articles"),
    ".sqlite": ("project", "open or merge a project as a project, not as articles"),
    ".sqlite3": ("project", "open or merge a project as a project, not as articles"),
}
"""(what, what to do) of the files a folder's import passes over, by ending; any other is "not read"."""


def passed_over(path: str | Path) -> list[tuple[str, str]]:
    """(what, what to do) of each file in a folder that its import does not read, by its ending.

    A folder's files of other kinds were passed over without a word: an unpacked INCEpTION
    project (its documents in .xmi or UIMA CAS .json), Word or PDF files came in as "imported 0
    articles", or as a few, with nothing said of the rest. Hidden files and a saved page's
    `_files` folder are left out, as the import leaves them out. A file is looked into only to
    tell an INCEpTION CAS .json (its first 64 KB).
    """
    root = Path(path)
    if not root.is_dir():
        return []
    skipped: list[tuple[str, str]] = []
    for file in sorted(root.rglob("*")):
        suffix = file.suffix.lower()
        if suffix in READERS or any(part.startswith(".") for part in file.relative_to(root).parts):
            continue
        if file.is_dir() or _saved_with_a_page(file, root):
            continue
        if suffix == _JSON_SUFFIX and _is_cas_json(_head_of(file)):
            skipped.append(("INCEpTION UIMA CAS .json", _INCEPTION_INSTEAD))
            continue
        skipped.append(_PASSED_OVER.get(suffix, (suffix or "(no extension)", "not read")))
    return skipped


def _head_of(path: Path) -> str:
    """The first 64 KB of a regular file as text, "" for anything else or a file that cannot be read."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError:
        return ""
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return ""
        return os.read(fd, 65_536).decode("utf-8", errors="replace")
    except OSError:
        return ""
    finally:
        os.close(fd)


_SAVED_PAGE_FILES = "_files"
"""The ending of the folder a browser's "Save Page As… Web Page, Complete" puts beside `<page>.html`."""


def _saved_with_a_page(path: Path, root: Path) -> bool:
    """Whether `path` lies in a `<page>_files` folder (below `root`) saved with `<page>.html` beside it.

    The browser keeps the page's frames and adverts there as `.html` files: read as articles, an
    advert's frame with no text refused the whole folder, and a frame's newsletter box came in as
    an article. A folder that only ends in `_files`, with no page of its name beside it, is read.
    """
    for folder in path.relative_to(root).parents[:-1]:
        name = folder.name
        if name.endswith(_SAVED_PAGE_FILES) and len(name) > len(_SAVED_PAGE_FILES):
            page = root / folder.parent / name[: -len(_SAVED_PAGE_FILES)]
            if any(page.with_name(page.name + suffix).is_file() for suffix in (".html", ".htm")):
                log.info("%s: saved with the page %s.html, not read as an article", path, page)
                return True
    return False


def imported_folder(path: str | Path) -> Path | None:
    """The folder an import of `path` lists, whose files must stay inside it; None for a file."""
    root = Path(path)
    return root if root.is_dir() else None


def read_path(
    path: str | Path, *, text_column: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[ReadResult]:
    """Read a file or a folder (recursively, by extension) into drafts and per-file/line rejections."""
    folder = imported_folder(path)
    for file in iter_input_files(path):
        yield from read_file(file, text_column=text_column, max_bytes=max_bytes, within=folder)


def read_file(
    path: str | Path,
    *,
    text_column: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    within: Path | None = None,
    as_read: bool = False,
) -> Iterator[ReadResult]:
    """Read one file, whatever its format; never raises for bad content.

    `within`: the folder being imported that listed this file. A link in it that leads out
    of it is refused: whoever sent the folder chose its links, and a `notes.txt` pointing at
    the reader's private key would carry that key into the project and every export of it.
    A file named on its own was chosen by the person importing, so it may be a link anywhere.

    `as_read`: each draft is given as soon as it is read, and the file's rejections after its
    last draft, rather than all once the file is read (a 1,000,000-row CSV's drafts, held, took
    0.6 GB). A file with too many bad lines then ends in a `FloodedFileError` after some of its
    drafts, which the caller must drop with the rest of the file.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if within is not None and _leads_out_of(path, within):
        yield InputFileError(
            path,
            "is a link to a file outside the folder being imported, which is not read; "
            "copy that file into the folder, or name it on its own, to import it",
        )
        return
    if not path.exists():
        yield InputFileError(path, missing_reason(path))
        return
    if suffix in _PROJECT_SUFFIXES:
        yield InputFileError(path, PROJECT_FILE_REASON)
        return
    if suffix == _JSON_SUFFIX:
        yield _json_file_refusal(path, max_bytes)
        return
    if suffix == _XMI_SUFFIX:
        # INCEpTION's and WebAnno's "UIMA CAS XMI" export: an "unsupported file type '.xmi'", as a
        # photo is, said nothing of where it came from nor what to export instead.
        yield _inception_refusal(path, "UIMA CAS XMI")
        return
    if suffix not in READERS:
        yield InputFileError(
            path,
            f"unsupported file type {suffix or '(no extension)'!r}; "
            f"import {', '.join(sorted(READERS))} files or a folder of them",
        )
        return
    found = READERS[suffix]
    if found.html and max_bytes > MAX_HTML_BYTES:
        # A raised limit is for tables of many articles: a page's one article is never longer
        # than this, and its parse holds about twenty times its size (100 MB: 2.2 GB, for 37 s,
        # and then its text was refused as longer than an article may be).
        max_bytes, too_big, limit_of = MAX_HTML_BYTES, HTML_TOO_BIG, "limit of an HTML page"
    else:
        too_big, limit_of = "split it, or raise the limit with --max-mb", "limit"
    try:
        raw, encoding = decode(
            read_regular(path, max_bytes, too_big=too_big, limit_of=limit_of), path, html=found.html
        )
    except InputFileError as exc:
        yield exc
        return
    # Decoded here, not in `read_bytes`, so that the file's bytes are let go before its articles
    # are read: held to the end, they were one more copy of the file beside its text and drafts.
    results = _read_text_of(found, raw, path, encoding, text_column)
    yield from _as_read_unless_flooded(results, path) if as_read else _unless_flooded(results, path)


MAX_HTML_BYTES = DEFAULT_MAX_BYTES
"""The largest HTML page read, whatever the import's limit: the text of a larger page would not
fit in one article (`MAX_TEXT_CHARS`, as many characters as this has bytes) but for pictures or
code saved in it, and a page is parsed whole, at about twenty times its size in memory."""

HTML_TOO_BIG = (
    "save the article alone from the browser (its Save Page As…, web page HTML only) or as text,"
    " and import that"
)

_XMI_SUFFIX = ".xmi"

_PROJECT_SUFFIXES = frozenset({".db", ".sqlite", ".sqlite3"})
"""Endings of project files (`services.paths.PROJECT_ENDINGS`, which this layer does not import)."""

PROJECT_FILE_REASON = (
    "is a project file, not articles: open it as a project (File ▸ Open Project…), or merge its "
    "labels into this one (Team ▸ Merge Project Files…, or annotator merge)"
)
"""Said of a project named as articles: a teammate's file dropped on the window was "unsupported
file type '.db'", as a photo is, with nothing said of what to do with it instead."""


def _unless_flooded(results: Iterable[ReadResult], path: Path) -> Iterator[ReadResult]:
    """A file's drafts and rejections, or one rejection if more than `MAX_BAD_LINES` of its lines are bad.

    A file that bad is not in the format its name says, and reading on cost a rejection kept in
    memory for each of millions of lines. It is left out whole, good lines too, rather than cut
    short at an arbitrary line; the first bad line says what is wrong with it.
    """
    kept: list[ReadResult] = []
    first_bad: InputFileError | None = None
    bad = 0
    for result in results:
        if isinstance(result, InputFileError):
            bad += 1
            first_bad = first_bad or result
            if bad > MAX_BAD_LINES:
                yield _flooded(path, first_bad)
                return
        kept.append(result)
    yield from kept


class FloodedFileError(InputFileError):
    """More than `MAX_BAD_LINES` lines of a file cannot be read: it is left out whole, the
    drafts `read_file(as_read=True)` gave of it before this too."""


def _flooded(path: Path, first_bad: InputFileError) -> FloodedFileError:
    where = f"line {first_bad.line}" if first_bad.line is not None else "the first"
    return FloodedFileError(
        path,
        f"more than {MAX_BAD_LINES:,} lines cannot be read (the first, {where}: "
        f"{first_bad.reason}); the file was left out whole: check that it is "
        f"{READERS[path.suffix.lower()].name}, or fix it and import it again",
    )


def _as_read_unless_flooded(results: Iterable[ReadResult], path: Path) -> Iterator[ReadResult]:
    """A file's drafts as they are read, then its rejections; or, past `MAX_BAD_LINES` of them,
    one `FloodedFileError` in their place (`_unless_flooded`). Only the rejections are held."""
    bad: list[InputFileError] = []
    for result in results:
        if not isinstance(result, InputFileError):
            yield result
            continue
        bad.append(result)
        if len(bad) > MAX_BAD_LINES:
            yield _flooded(path, bad[0])
            return
    yield from bad


def _leads_out_of(path: Path, folder: Path) -> bool:
    """True if `path`, once its links are followed, is not inside `folder` (followed too)."""
    try:
        path.resolve().relative_to(folder.resolve())
    except ValueError:
        return True
    except (OSError, RuntimeError):  # a loop of links: reading it says so
        return False
    return False


def read_regular(
    path: Path,
    max_bytes: int,
    *,
    give: str = "import files",
    too_big: str = "split it, or raise the limit with --max-mb",
    limit_of: str = "limit",
) -> bytes:
    """The bytes of a regular file, never more than `max_bytes` + 1 of them.

    A FIFO given as input hung the import, and a `.txt` that is a symlink to /dev/zero read
    until memory ran out (its size says 0): open without blocking, refuse anything but a
    regular file, and stop reading one byte past the limit whatever the size said.

    `give`, `too_big` and `limit_of` word a refusal for the caller's file: an import's advice
    (`--max-mb`, which the window rewords) sent `train --eval-file` to a limit it has no option for.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise InputFileError(path, f"cannot be read: {exc.strerror or exc}") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise InputFileError(path, f"is a folder; {give}")
        if not stat.S_ISREG(info.st_mode):
            raise InputFileError(path, f"is not a regular file (a pipe, a device or a socket); {give}")
        if info.st_size > max_bytes:
            raise _too_big(path, info.st_size, max_bytes, too_big, limit_of)
        chunks: list[bytes] = []
        size = 0
        while size <= max_bytes:
            chunk = os.read(fd, min(1 << 20, max_bytes + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        raise InputFileError(path, f"cannot be read: {exc.strerror or exc}") from None
    finally:
        os.close(fd)
    if size > max_bytes:
        raise _too_big(path, size, max_bytes, too_big, limit_of)  # it grew while we read it
    return b"".join(chunks)


def _too_big(path: Path, size: int, max_bytes: int, advice: str, limit_of: str) -> InputFileError:
    shown, limit = sizes_over(size, max_bytes)
    return InputFileError(path, f"the file is {shown}, over the {limit} {limit_of}; {advice}")


def read_bytes(data: bytes, path: str | Path, *, text_column: str | None = None) -> Iterator[ReadResult]:
    """Read file content whose format is given by the extension of `path`."""
    path = Path(path)
    # An ending no reader claims (only callers that skip `read_file`'s check pass one) is
    # read as Markdown, which takes any text.
    found = READERS.get(path.suffix.lower(), READERS[".md"])
    try:
        raw, encoding = decode(data, path, html=found.html)
    except InputFileError as exc:
        yield exc
        return
    yield from _read_text_of(found, raw, path, encoding, text_column)


def _read_text_of(
    found: Reader, raw: str, path: Path, encoding: str, text_column: str | None
) -> Iterator[ReadResult]:
    """A decoded file's drafts (checked) and rejections, read as `found` reads its format."""
    for result in found.read(raw, path, encoding, text_column):
        yield _checked(result, path) if isinstance(result, ArticleDraft) else result


def _checked(draft: ArticleDraft, path: str | Path) -> ReadResult:
    """Refuse a draft holding anything a project cannot store (the same checks merge makes).

    Every string is checked in full, not only the first and last 8 KB the binary sniff
    reads: a NUL or an unpaired surrogate anywhere in a text, title, note or name.
    """
    if len(draft.text) > MAX_TEXT_CHARS:
        # An article's limit, not the file's: raising the import size limit cannot help.
        return InputFileError(
            path,
            f"the text is {len(draft.text):,} characters long, over the limit of {MAX_TEXT_CHARS:,} "
            "an article may hold; split it into articles (a file each, or a JSONL line each)",
            line=draft.line,
        )
    try:
        check_text(draft.text, "the text", MAX_TEXT_CHARS, empty=False)
        check_text(draft.title, "the title")
        check_text(draft.source, "the source")
        check_meta_value(dict(draft.meta))
        for claim in draft.claims:
            check_text(claim.annotator, "a span's annotator")
            check_text(claim.note, "a span's note")
        for entity in draft.entities:
            # The store's limit, not the other fields': an import of a longer one was taken, and
            # from then on every read of its article called the project damaged.
            check_text(entity.label, "an entity label", MAX_ENTITY_LABEL_CHARS)
        for quote in draft.quotes:
            if quote.speaker is not None:
                check_text(quote.speaker.name, "a speaker name")
    except InvalidValue as exc:
        return InputFileError(path, str(exc), line=draft.line)
    return draft


# --- plain text and Markdown -------------------------------------------------------------------------


def guess_title(text: str, fallback: str, *, markdown: bool = False) -> str:
    """The first line when it reads like a headline (short, no final period), else `fallback`.

    A first line that is only a date ("Tuesday, March 3, 2020", "3 March 2020"), as Wikinews
    text exports and wire copy open, is passed over: the headline, where one follows, is the
    next line. Taking the date as the end gave every such file its file name as title.
    A line with no letter or digit (a rule of `---` or `***`) is passed over too. With
    `markdown`, the headline is taken without its markup: `**Floods**` is titled "Floods".
    """
    passed_date = False
    for line in text.split("\n"):
        line = line.strip()
        if not any(char.isalnum() for char in line):
            continue
        line = line.lstrip("#").strip() if line.startswith("#") else line
        line = _markdown_as_plain(line) if markdown else line
        if not line:
            continue  # only an image: a picture's caption is no headline
        if _DATELINE.match(line):
            if passed_date:
                break  # two dates: no headline to take
            passed_date = True
            continue
        if (
            line
            and len(line) <= _TITLE_MAX_CHARS
            and len(line.split()) <= _TITLE_MAX_WORDS
            and not line.endswith((".", ",", ";", ":"))
        ):
            return line
        break
    return fallback


_MARKDOWN_CLOSING_HASHES = re.compile(r"\s+#+$")
_MARKDOWN_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_MARKDOWN_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MARKDOWN_TAG = re.compile(r"</?[A-Za-z][^>]*>")
_MARKDOWN_INLINE = re.compile(r"\\([!-/:-@\[-`{-~])|(?<![\w\\])[*_]+|[*_]+(?!\w)|`")


def _markdown_as_plain(line: str) -> str:
    """One line of Markdown as it reads: without closing `#`s, emphasis, code marks, tags and
    images and link targets, escaped characters as themselves (`\\#2` is "#2")."""
    line = _MARKDOWN_CLOSING_HASHES.sub("", line)
    line = _MARKDOWN_IMAGE.sub("", line)
    line = _MARKDOWN_LINK.sub(r"\1", line)
    line = _MARKDOWN_TAG.sub("", line)
    line = _MARKDOWN_INLINE.sub(lambda match: match.group(1) or "", line)
    return " ".join(line.split())


_FRONT_MATTER = re.compile(r"\A(---|\+\+\+)[ \t]*\n(.*?)\n(?:\1|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_FRONT_MATTER_KEY = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*[:=](.*)$")
_LEADING_BLANK_LINES = re.compile(r"\A(?:[ \t]*\n)+")
_FRONT_MATTER_META = ("date", "author", "url")
"""Front-matter fields kept in an article's meta, by the names the HTML reader gives them."""


def _front_matter(text: str) -> tuple[str, dict[str, str], str] | None:
    """The fence, the one-line fields and the rest of a Markdown file that opens with front matter.

    Hugo, Jekyll and Obsidian open a post with a block of YAML between `---` lines (Hugo's TOML
    between `+++`). Only a block whose every top-level line is a `key: value` (or `key = value`)
    is one: a `---` rule above a paragraph stays text. Lists and nested values are passed over.
    """
    match = _FRONT_MATTER.match(text)
    if match is None:
        return None
    fields: dict[str, str] = {}
    for line in match.group(2).split("\n"):
        if not line.strip() or line[0] in " \t#-":
            continue  # blank, nested, a comment or a list's item
        key = _FRONT_MATTER_KEY.match(line)
        if key is None:
            return None
        value = key.group(2).strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        elif value[:1] in ("[", "{", "|", ">"):
            continue
        if value:
            fields[key.group(1).lower()] = value
    # The blank lines between the block and the story are the block's: the text opens with the story.
    return match.group(1), fields, _LEADING_BLANK_LINES.sub("", text[match.end() :])


def _read_text(raw: str, path: str | Path, encoding: str, *, markdown: bool) -> ReadResult:
    text = normalize_text(raw)
    if _blank_text(text):
        return InputFileError(path, "the file has no text (it is empty or only white space)")
    meta = {"format": "markdown"} if markdown else {}
    title = ""
    front = _front_matter(text) if markdown else None
    if front is not None:
        fence, fields, text = front
        if _blank_text(text):
            return InputFileError(
                path, f"the file has no text after its front matter (the block between its {fence} lines)"
            )
        title = " ".join(fields.get("title", "").split())
        meta.update({key: fields[key] for key in _FRONT_MATTER_META if key in fields})
    title = title or guess_title(text, display_path(Path(path).stem), markdown=markdown)
    return ArticleDraft(
        text=text,
        title=title,
        meta=meta,
        origin=display_path(path),
        encoding=encoding,
    )


# --- HTML -------------------------------------------------------------------------------------------

_TITLE_TAG = re.compile(r"<title[^>]*>(.*?)</title\s*>", re.IGNORECASE | re.DOTALL)
_TITLE_SEPARATORS = re.compile(r"\s+(?:»|\||–|—|-|::|·)\s+")


def _page_title(raw_html: str, extracted: str) -> str:
    """Prefer the article's part of `<title>` when the extractor returned only the site name."""
    match = _TITLE_TAG.search(raw_html[:200_000])
    if not match:
        return extracted
    full = " ".join(html.unescape(match.group(1)).split())
    parts = [p.strip() for p in _TITLE_SEPARATORS.split(full) if p.strip()]
    if len(parts) > 1 and (not extracted or extracted in parts):
        return max(parts, key=len)
    return extracted or full


MAX_HTML_ELEMENTS = 50_000
"""Elements of an HTML page: a large news page has a few thousand, a long encyclopaedia page
tens of thousands. The extractor's time grows faster than the page (50,000 paragraphs: 11 s;
300,000, an 18 MB page under the size limit: over two minutes, not to be cancelled)."""

_ELEMENT_START = re.compile(r"<[A-Za-z]")


def _element_count(raw: str) -> int:
    """Start tags in a page: a `<` before a letter.

    Inside scripts too, though minified code's `i<n` is no element: skipping scripts let a page
    hide 60,000 paragraphs behind one `<script>` the parser ends at the first `</p>`, and
    a page's code rarely holds thousands of such comparisons.
    """
    return len(_ELEMENT_START.findall(raw))


PARSER_DEPTH = 256
"""Elements inside each other that libxml2's HTML parser reads by default. Deeper, it stops
and keeps the page read so far: an article wrapped in 300 `<div>`s gave "no article text"."""

HUGE_PARSER_DEPTH = 2048
"""The same with its huge-tree option, which trafilatura leaves off. An article page has a few
dozen levels; one deeper than this is refused by name rather than read in part."""

FLATTENED_DEPTH = 200
"""What a page parsed past `PARSER_DEPTH` keeps of its generic wrappers' depth, with room below
for the paragraphs, lists and tables they hold. trafilatura's time grows with depth times
elements: 2,040 levels in 43,000 elements took 16.6 s, 2.2-3.0 s flattened, where a page of
that size 250 levels deep (read by the default parser) takes 3.4 s."""

_BLOCK_WRAPPERS = frozenset({"div", "section", "center"})
"""Containers that only group what they hold: unwrapped, their text keeps a line break around it."""

_INLINE_WRAPPERS = frozenset(
    {"span", "font", "b", "i", "u", "em", "strong", "small", "big", "tt", "s", "strike", "nobr"}
)
"""Formatting inside a line: unwrapped, the text reads exactly as before (an unclosed `<font>`
per line nests a whole page)."""

_WRAPPERS = _BLOCK_WRAPPERS | _INLINE_WRAPPERS


def _depth(tree: Any) -> int:
    """How many elements the deepest one of `tree` sits in, itself included (no recursion)."""
    from lxml import etree

    depth = deepest = 0
    for event, _element in etree.iterwalk(tree, events=("start", "end")):
        depth += 1 if event == "start" else -1
        deepest = max(deepest, depth)
    return deepest


def _only_wraps(element: Any) -> bool:
    """Whether `element` holds one element and no words of its own: a wrapper in a chain."""
    return len(element) == 1 and not (element.text or "").strip() and not (element[0].tail or "").strip()


_UNWRAP = "annotator-unwrap"
"""The tag a wrapper to unwrap is renamed to, so that lxml's `strip_tags` unwraps them all at
once: unwrapped one at a time (lxml's `drop_tag`), each moved the rest of the page with it, 4 s
for 2,040 levels."""


def _flatten(tree: Any) -> None:
    """Make a page parsed past `PARSER_DEPTH` as shallow as pages the default parser reads.

    First the middle of every chain of wrappers goes (each holding only the next, no words):
    an article inside 300 `<div>`s then reads as it does unwrapped, its own layout untouched,
    which trafilatura needs to tell the article from the site around it. Then any generic
    wrapper still deeper than `FLATTENED_DEPTH` is unwrapped (a tag left open on every line),
    every word kept in order; paragraphs, headings, lists, tables and `<article>` stay.
    """
    from lxml import etree

    unwrap: list[Any] = []
    levels: list[bool] = []  # per open element: whether it keeps a level once the chains are gone
    depth = 0
    for event, element in etree.iterwalk(tree, events=("start", "end")):
        if event == "end":
            depth -= levels.pop()
            continue
        parent = element.getparent()
        chained = (
            element.tag in _WRAPPERS and parent is not None and _only_wraps(parent) and _only_wraps(element)
        )
        levels.append(not chained)
        depth += not chained
        if chained or (depth > FLATTENED_DEPTH and element.tag in _WRAPPERS):
            unwrap.append(element)
    for element in unwrap:
        if element.tag in _BLOCK_WRAPPERS:
            # Its text would join the words before and after it: "debate.Residents".
            element.text = "\n" + (element.text or "")
            element.tail = "\n" + (element.tail or "")
        element.tag = _UNWRAP
    etree.strip_tags(tree, _UNWRAP)


def _parse_html(raw: str, path: str | Path) -> Any:
    """The page's tree as trafilatura parses it, or parsed again past the default depth.

    Only a page the default parse cut short is parsed again, so every other page reads as it
    did. The second parse takes trafilatura's parser options with huge_tree added; it is given
    UTF-8 bytes, as lxml refuses a string whose page declares an encoding. Its tree is then
    flattened (`_flatten`); one still as deep as the default parser goes (tables in tables,
    say) is refused by name, as no extraction of it would be sound or quick.
    """
    import trafilatura
    from lxml import html as lxml_html

    try:
        tree = trafilatura.load_html(raw)
    except (TypeError, ValueError):
        return None  # as bare_extraction takes such a page: no article in it
    if tree is None or _depth(tree) < PARSER_DEPTH:
        return tree
    parser = lxml_html.HTMLParser(
        collect_ids=False,
        default_doctype=False,
        encoding="utf-8",
        remove_comments=True,
        remove_pis=True,
        huge_tree=True,
    )
    deep_tree = lxml_html.fromstring(raw.encode("utf-8", "replace"), parser=parser)
    depth = _depth(deep_tree)
    if depth < HUGE_PARSER_DEPTH:
        _flatten(deep_tree)
        log.info("%s: elements nested %s deep, parsed again and flattened", path, depth)
    if depth >= HUGE_PARSER_DEPTH or _depth(deep_tree) >= PARSER_DEPTH:
        shown = f"more than {HUGE_PARSER_DEPTH:,}" if depth >= HUGE_PARSER_DEPTH else f"{depth:,}"
        return InputFileError(
            path,
            f"the page is nested too deeply to find its text: elements {shown} levels inside each "
            "other (an article page has a few dozen); save the article alone (or as text) and "
            "import that",
        )
    return deep_tree


_PAGE_DATE = {"extensive_search": False, "original_date": True}
"""Take the date a page gives as its own (its metadata, a `<time>`, its address, a byline), never
one found by searching its words: that search dated a page with none by the first date its article
mentioned, or by its footer's "© 2024" as 1 January, and the invented date went out in every export."""


def _read_html(raw: str, path: str | Path, encoding: str) -> ReadResult:
    elements = _element_count(raw)
    if elements > MAX_HTML_ELEMENTS:
        return InputFileError(
            path,
            f"the page has {elements:,} elements, more than the {MAX_HTML_ELEMENTS:,} an article page "
            "has; save the article alone (or as text) and import that",
        )
    # Import here: trafilatura pulls in lxml and friends, which plain-text imports never need.
    import trafilatura

    try:
        # Text, never a URL: trafilatura never fetches anything, and lxml never runs scripts.
        tree = _parse_html(raw, path)
        if isinstance(tree, InputFileError):
            return tree
        if tree is None:
            return InputFileError(path, "no article text was found in this HTML page")
        document = trafilatura.bare_extraction(
            tree,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            deduplicate=False,
            date_extraction_params=_PAGE_DATE,
        )
    except Exception as exc:
        # A third-party parser on arbitrary input: report it as this file's problem, never crash.
        log.debug("trafilatura failed on %s", path, exc_info=True)
        return InputFileError(path, f"the HTML cannot be parsed ({type(exc).__name__}: {exc})")
    if document is None:
        return InputFileError(path, "no article text was found in this HTML page")
    fields: Mapping[str, Any] = document if isinstance(document, dict) else document.as_dict()
    text = normalize_text(str(fields.get("text") or ""))
    if _blank_text(text):
        return InputFileError(path, "no article text was found in this HTML page")
    title = _page_title(raw, str(fields.get("title") or "").strip()) or guess_title(
        text, display_path(Path(path).stem)
    )
    meta = {
        key: str(fields[key])
        for key in ("author", "date", "url", "sitename", "hostname", "license", "language")
        if fields.get(key)
    }
    meta["format"] = "html"
    # The page's address, else the outlet it names (og:site_name): a page saved without its
    # canonical link still says where it is from, as a title would, on one line.
    source = meta.get("url") or " ".join(meta.get("sitename", "").split())
    return ArticleDraft(
        text=text,
        title=title,
        source=source,
        meta=meta,
        origin=display_path(path),
        encoding=encoding,
    )


# --- spans and offsets ------------------------------------------------------------------------------


class _OffsetShift:
    """Maps offsets in raw text to offsets in its normalised form (`normalize_text`: every
    leading BOM and the CR of CRLF removed). One leading BOM counted where the text had two
    moved every span of the line one character to the right, unseen."""

    def __init__(self, raw: str) -> None:
        self.length = len(raw)
        removed = list(range(len(raw) - len(raw.lstrip("\ufeff"))))
        if "\r" in raw:
            removed.extend(m.start() for m in re.finditer("\r\n", raw))
        self.removed = removed

    def __call__(self, offset: int) -> int:
        return offset - bisect_left(self.removed, offset) if self.removed else offset


def _as_offset(value: object) -> int | None:
    # bool is an int subclass; JSON true is not an offset.
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    return None


class _SpanProblemError(Exception):
    pass


_DOCCANO_UNITS = (
    "doccano counts offsets in UTF-16 code units, as JavaScript does, where an emoji is two: "
    'a file from a doccano project with "Count grapheme clusters as one character" turned on, '
    "or a doccano file from an earlier version of Annotator (which counted characters), counts "
    "otherwise; export it again (with that setting off)"
)


def _check_raw_span(raw: str, start: object, end: object, expected: object, what: str) -> tuple[int, int]:
    s, e = _as_offset(start), _as_offset(end)
    if s is None or e is None:
        raise _SpanProblemError(f"{what} offsets must be integers, got {start!r} and {end!r}")
    fits = 0 <= s < e <= len(raw)
    if fits and (expected is None or raw[s:e] == expected or _same_text(raw[s:e], expected)):
        return s, e
    counted = _counted_otherwise(raw, s, e, expected) if 0 <= s < e else None
    found = f"reads {raw[s:e]!r}" if fits else f"is out of range for a text of {len(raw)} characters"
    if counted is not None:
        raise _SpanProblemError(
            f"{what} {s}..{e} {found}, but the file says {expected!r}, the text there counted in "
            f"{counted}; here start and end count characters, as Prodigy does: export the file "
            "again counting characters, or convert its offsets"
        )
    if not fits:
        raise _SpanProblemError(f"{what} {s}..{e} {found}")
    raise _SpanProblemError(f"{what} {s}..{e} {found} but the file says {expected!r}")


def _same_text(found: str, expected: object) -> bool:
    """Whether a span's stated text is the text at its offsets in another Unicode normal form.

    A tool that composed "é" in the span's text (NFC) but not in the article's (NFD) was
    refused with "reads 'Café' but the file says 'Café'": two strings that look the same. The
    offsets fit the text; only how its letters are written differs.
    """
    return isinstance(expected, str) and unicodedata.normalize("NFC", found) == unicodedata.normalize(
        "NFC", expected
    )


def _counted_otherwise(raw: str, start: int, end: int, expected: object) -> str | None:
    """How the file counted offsets when its span's stated text is at them counted in UTF-16 code
    units (JavaScript's string indices) or UTF-8 bytes, not characters; None if neither.

    Only text with a character outside ASCII counts differently: an emoji is two UTF-16 units,
    a Chinese character three UTF-8 bytes. The refusal then says why the words are shifted.
    """
    if not isinstance(expected, str) or raw.isascii():
        return None
    ways = (("utf-16-le", 2, "UTF-16 code units (as JavaScript counts: an emoji is two)"),
            ("utf-8", 1, "UTF-8 bytes (an accented letter is two, a Chinese character three)"))  # fmt: skip
    for encoding, width, said in ways:
        data = raw.encode(encoding, "surrogatepass")
        try:
            if data[start * width : end * width].decode(encoding) == expected:
                return said
        except UnicodeDecodeError:
            continue
    return None


def _claim_label(label: object) -> ClaimLabel | None:
    return _CLAIM_LABELS.get(label.strip().lower()) if isinstance(label, str) else None


_ENTITY_STATUSES = {status.value: status for status in EntityStatus}


def _entity_status(value: object, what: str) -> EntityStatus:
    """An entity's `status` as our export writes it; none given is a person's accepted entity.

    Any other value was taken as "accepted": a "rejected" misspelt, or a tool's own word, made
    an entity someone had turned down count as one they had confirmed.
    """
    if value is None:
        return EntityStatus.ACCEPTED
    found = _ENTITY_STATUSES.get(value) if isinstance(value, str) else None
    if found is None:
        raise _SpanProblemError(
            f"{what}.status is {value!r:.40}; use one of {', '.join(_ENTITY_STATUSES)}, or leave it out"
        )
    return found


def _entity_type(label: str, what: str) -> str:
    """An entity type as the window names one (upper case), without invisible characters.

    From `entities` a type was kept as written: "person" was another type than the "PERSON"
    every other layout and the window give, and "PER\u202eSON" showed as another word than it
    was in the legend and the exports.
    """
    for char in label:
        if unicodedata.category(char)[0] == "C" or unicodedata.category(char) in ("Zl", "Zp"):
            raise _SpanProblemError(
                f"{what}.label contains a control or invisible character (U+{ord(char):04X}); "
                "an entity type is plain text"
            )
    return label.upper()


class _SpanCollector:
    """Checks spans against the raw text, shifts them to the normalised text and sorts them by kind."""

    def __init__(self, raw: str, person: str = "") -> None:
        self.raw = raw
        self.person = person
        """Whose line this is: the annotator of each claim whose span names no one."""
        self.shift = _OffsetShift(raw)
        self.claims: list[ClaimDraft] = []
        self.entities: list[Entity] = []
        self.quotes: list[Quote] = []
        self.ignored: dict[str, int] = {}
        self._by_span: dict[tuple[int, int, str], ClaimDraft] = {}
        self._entity_at: dict[tuple[int, int, str], Entity] = {}
        self._quote_at: dict[tuple[int, int], Quote] = {}
        self._units: OffsetMap | None = None
        self.suggested: frozenset[tuple[int, int, str]] = frozenset()
        """doccano spans (start, end, label as the line gives them) that are entity suggestions."""

    def _first_of_its_span(self, claim: ClaimDraft, s: int, e: int, what: str) -> bool:
        """Whether `claim` is new; the same one again is dropped, another label by the same person refused.

        One person gives a span one label: the store, agreement and the window each keep one.
        A doccano export of a team (its triples name no one) or a hand-merged file can hold two;
        taking either would choose a label for that person unseen, so the line is rejected like
        any other problem, named by file and line, and `--skip-bad` imports the rest.
        """
        key = (claim.start, claim.end, claim.annotator)
        first = self._by_span.get(key)
        if first is None:
            self._by_span[key] = claim
            return True
        if (first.label, first.note) == (claim.label, claim.note):
            return False
        who = f"annotator {claim.annotator!r}" if claim.annotator else "no annotator named"
        if first.label == claim.label:
            raise _SpanProblemError(
                f"{what} {s}..{e} repeats a {claim.label.value} span ({who}) with another note; keep one"
            )
        raise _SpanProblemError(
            f"{what} {s}..{e} is labelled {claim.label.value}, and an earlier span gave it "
            f"{first.label.value} ({who}); one person gives a span one label: keep one, or name "
            "each label's annotator"
        )

    def add_doccano(self, start: object, end: object, label: object, what: str) -> None:
        """A doccano span, whose offsets count UTF-16 code units as JavaScript does (doccano's
        default): an emoji before a label is two units there, one code point here.

        An offset between the two halves of a character, or past the text, was counted some
        other way (doccano's "Count grapheme clusters as one character", or code points as this
        program's doccano files had them): the line is refused rather than labelled on other words.
        """
        s, e = _as_offset(start), _as_offset(end)
        if s is None or e is None:
            raise _SpanProblemError(f"{what} offsets must be integers, got {start!r} and {end!r}")
        if self._units is None:
            self._units = OffsetMap(self.raw)
        units = self._units
        if not 0 <= s < e:
            raise _SpanProblemError(
                f"{what} {s}..{e} is out of range for a text of {units.u16_length} UTF-16 code units"
            )
        if e > units.u16_length:
            raise _SpanProblemError(
                f"{what} {s}..{e} is past the end of a text of {units.u16_length} UTF-16 code units; "
                + _DOCCANO_UNITS
            )
        cs, ce = units.exact_code_point(s), units.exact_code_point(e)
        if cs is None or ce is None:
            inside = s if cs is None else e
            char = self.raw[units.to_code_point(inside)]
            raise _SpanProblemError(
                f"{what} {s}..{e} splits a character: {inside} falls inside {char!r} "
                f"(U+{ord(char):04X}, two UTF-16 code units); " + _DOCCANO_UNITS
            )
        self.add(cs, ce, label, what=what, shown=(s, e), suggested=(s, e, label) in self.suggested)

    def _shifted(self, start: object, end: object, what: str) -> tuple[int, int]:
        s, e = _check_raw_span(self.raw, start, end, None, what)
        ns, ne = self.shift(s), self.shift(e)
        if ns >= ne:
            raise _SpanProblemError(f"{what} {s}..{e} covers only a line break")
        return ns, ne

    def add_quote(self, item: Mapping[str, Any], what: str) -> None:
        """A quotation as our jsonl export writes it: start, end, kind and an optional speaker."""
        start, end = self._shifted(item.get("start"), item.get("end"), what)
        kind_value = item.get("kind", QuoteKind.DIRECT.value)
        try:
            kind = QuoteKind(kind_value)
        except ValueError:
            kinds = ", ".join(k.value for k in QuoteKind)
            raise _SpanProblemError(f"{what} has kind {kind_value!r}; use one of {kinds}") from None
        speaker_item = item.get("speaker")
        speaker = None
        if speaker_item is not None:
            if not isinstance(speaker_item, dict):
                raise _SpanProblemError(f"{what}.speaker must be null or an object with start, end and name")
            s_start, s_end = self._shifted(
                speaker_item.get("start"), speaker_item.get("end"), f"{what}.speaker"
            )
            name = speaker_item.get("name")
            if name is not None and not isinstance(name, str):
                raise _SpanProblemError(f"{what}.speaker name must be a string, got {name!r}")
            if name is None or not name.strip():
                # A tool that marks who speaks gives the words, not always a name: named "", the
                # line under the text said "Quotation by" and nobody, and W, Enter (meant to
                # confirm) took the speaker away. The words name the speaker as the text does.
                name = " ".join(self.raw[speaker_item["start"] : speaker_item["end"]].split())
            speaker = Speaker(start=s_start, end=s_end, name=name)
        status = item.get("status", "suggested")
        if status not in QUOTE_STATUSES:
            raise _SpanProblemError(f"{what}.status is {status!r}; use one of {', '.join(QUOTE_STATUSES)}")
        # A correction stays one; anything else that comes in with a file is imported data.
        model = QUOTE_CORRECTED if status == "corrected" else ""
        suggested = self._suggested(item.get("suggested"), status, what)
        quote = Quote(start=start, end=end, kind=kind, speaker=speaker, model=model, suggested=suggested)
        # One quotation a span, as the store keeps the lines of one text: the same one twice was
        # stored twice (two bars in the margin, two rows to correct); told otherwise, either
        # would be a choice made unseen.
        first = self._quote_at.setdefault((start, end), quote)
        if first is quote:
            self.quotes.append(quote)
        elif first != quote:
            raise _SpanProblemError(
                f"{what} {item.get('start')}..{item.get('end')} repeats an earlier quotation there "
                "with another kind, speaker or status; a span holds one quotation: keep one"
            )

    @staticmethod
    def _suggested(item: object, status: str, what: str) -> QuoteSuggestion | None:
        """What pre-annotation had said of a corrected quotation (`writers._quote_dict`)."""
        if item is None:
            return None
        if status != "corrected":
            raise _SpanProblemError(f"{what}.suggested belongs only to a corrected quotation")
        if not isinstance(item, dict) or set(item) - {"kind", "speaker"}:
            raise _SpanProblemError(f"{what}.suggested must be an object with kind and speaker")
        kind_value, speaker = item.get("kind"), item.get("speaker")
        kinds = [k.value for k in QuoteKind]
        if kind_value is not None and kind_value not in kinds:
            raise _SpanProblemError(
                f"{what}.suggested.kind is {kind_value!r}; use one of {', '.join(kinds)} or null"
            )
        if speaker is not None and (not isinstance(speaker, str) or kind_value is None):
            raise _SpanProblemError(f"{what}.suggested.speaker must be a string, and only with a kind")
        return QuoteSuggestion(QuoteKind(kind_value) if kind_value is not None else None, speaker)

    def add(
        self,
        start: object,
        end: object,
        label: object,
        *,
        expected: object = None,
        annotator: object = "",
        note: object = "",
        entity: bool = False,
        status: object = None,
        what: str = "span",
        shown: tuple[int, int] | None = None,
        suggested: bool = False,
    ) -> None:
        """`shown`: the offsets as the file gave them, for messages, where they were converted.
        `suggested`: an entity label of a doccano line is a suggestion no one decided, not accepted."""
        if not isinstance(label, str) or not label.strip():
            raise _SpanProblemError(_no_label_name(label, what))
        s, e = _check_raw_span(self.raw, start, end, expected, what)
        ns, ne = self.shift(s), self.shift(e)
        blank = _blank(self.raw, s, e)
        if shown is not None:
            s, e = shown
        if ns >= ne:
            raise _SpanProblemError(f"{what} {s}..{e} covers only a line break")
        claim_label = None if entity else _claim_label(label)
        if claim_label is not None and blank:
            # A doccano or Prodigy selection of the gap between two sentences: taken, it was a
            # claim no one could see or select in the window, an empty span in the spaCy files
            # (`spacy debug data` stopped on it) and a label of the sentences round it.
            raise _SpanProblemError(f"{what} {s}..{e} covers only white space; a claim holds words")
        if claim_label is not None:
            claim = ClaimDraft(
                start=ns,
                end=ne,
                label=claim_label,
                annotator=_person_name(annotator, f"{what}.annotator") or self.person,
                note=_optional_string(note, f"{what}.note"),
            )
            if self._first_of_its_span(claim, s, e, what):
                self.claims.append(claim)
        elif isinstance(label, str) and label.strip() and (entity or label.strip().upper() in ENTITY_LABELS):
            name = _entity_type(label.strip(), what) if entity else label.strip().upper()
            if entity:
                status_value = _entity_status(status, what)
            else:
                status_value = EntityStatus.SUGGESTED if suggested else EntityStatus.ACCEPTED
            found = Entity(start=ns, end=ne, label=name, status=status_value)
            # The same entity twice (a hand-merged file, doccano's label and entities both) was
            # stored twice; twice with two statuses, it was both accepted and rejected.
            first = self._entity_at.setdefault((ns, ne, name), found)
            if first is found:
                self.entities.append(found)
            elif first.status is not status_value:
                raise _SpanProblemError(
                    f"{what} {s}..{e} marks {name} {status_value.value}, and an earlier entity "
                    f"there marks it {first.status.value}; an entity has one status: keep one"
                )
        else:
            key = str(label)
            self.ignored[key] = self.ignored.get(key, 0) + 1


def _no_label_name(label: object, what: str) -> str:
    """Why a span whose label is missing, blank or not a name (a number, a list) is refused.

    Such a span was "left out" as a label named 'None' or '3', the import going on as if the
    line's labels had come in: a tool's number for a label, or a span with none, is no label
    to keep, and guessing one would put words in someone's mouth.
    """
    if label is None or (isinstance(label, str) and not label.strip()):
        found = "gives no label"
    else:
        found = f"gives {json.dumps(label, ensure_ascii=False)[:40]} as its label, not a label's name"
    return (
        f"{what} {found}; give each span the name of its label (factual, opinion, questionable, "
        "or an entity type such as PERSON), or remove the span"
    )


def _blank_text(text: str) -> bool:
    """Whether a whole article's text is white space and invisible marks alone.

    A spreadsheet cell or page left "empty" with a zero-width space (or a word joiner, a
    direction mark) in it is no white space to Python: it came in as an article with nothing
    to read or label, and the import said nothing of it.
    """
    return _blank(text, 0, len(text))


def _blank(raw: str, start: int, end: int) -> bool:
    """Whether the text's `start`..`end` is white space (or invisible marks) alone: nothing to read."""
    kept_start, kept_end = strip_span(raw, start, end)
    return kept_start == kept_end


def _optional_string(value: object, what: str) -> str:
    """A string field of a span, where null means it is not given. `str()` of anything else
    stored "None" as a person's name, or a list's repr as a note."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise _SpanProblemError(f"{what} must be a string, got {_json_kind(value)}")
    return value


_NAME_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
"""Control characters and bidirectional overrides: a name with them could rewrite the
terminal that `annotator stats` prints it to, or show another name than it is."""


def _person_name(value: object, what: str, *, gold: bool = True) -> str:
    """A person's name as the window saves one typed (`annotator_name`): without the spaces or
    line break around it. A span of "  " was imported under a blank name, and from then on the
    project read as damaged; " bob" was another person than "bob".

    `gold`: whether "gold" itself is taken, as a span's annotator in our export of reviewers'
    decisions; a Prodigy session is one person's, never the reviewers'."""
    name = annotator_name(_optional_string(value, what))
    control = _NAME_CONTROLS.search(name)
    if control is not None:
        raise _SpanProblemError(
            f"{what} contains a control character (U+{ord(control.group()):04X}); a name is plain text"
        )
    # The window's rule for a name (`annotator_name_problem`), but for "gold" itself: that is how
    # our own export names the reviewers' decisions, which an import of it brings back as such.
    # A 100,000-character name was taken from a file, and "Gold" or "GOLD", which the window
    # refuses as reading like the reviewers' decisions, was one more annotator beside them.
    refusal = annotator_name_problem(name) if name and (name != GOLD_ANNOTATOR or not gold) else None
    if refusal is None:
        return name
    if refusal.problem is NameProblem.TOO_LONG:
        raise _SpanProblemError(
            f"{what} is {len(name):,} characters long; a person's name takes at most {MAX_NAME_CHARS}"
        )
    if refusal.problem is NameProblem.RESERVED:
        raise _SpanProblemError(
            f"{what} is {name!r}, which reads as 'gold', the name kept for reviewers' decisions; "
            "name the person who labelled it"
        )
    if refusal.problem is NameProblem.EMPTY:
        raise _SpanProblemError(f"{what} holds no letter or sign to read; give a name, or none")
    detail = refusal.detail or "is not plain text"
    raise _SpanProblemError(f"{what} {detail}")


def _meta_string(meta: dict[str, Any], key: str, *, pop: bool = False) -> str:
    """A title or source a tool put in "meta" (Prodigy does): taken when it is a string, else
    left in the metadata as it came."""
    value = meta.get(key)
    if not isinstance(value, str):
        return ""
    if pop:
        del meta[key]
    return value


def _json_kind(value: object) -> str:
    kinds = {bool: "true or false", int: "a number", float: "a number", list: "a list", dict: "an object"}
    return kinds.get(type(value), type(value).__name__)


def _labels_the_whole_text(value: object) -> bool:
    """Whether a line's "label" or "labels" names a class of the whole text, as text
    classification exports write it ("opinion", ["opinion"], {"opinion": 1.0}, 2), not spans.

    Taken as spans, a string or an object was dropped unsaid, and doccano's list of one label
    was refused as "must be a [start, end, label] triple", though its texts are articles like
    any other (a news corpus's "label": "sports"); such a label is kept in the article's metadata
    (`_whole_text_labels`).
    """
    if isinstance(value, list):
        return bool(value) and all(_a_class(item) for item in value)
    return _a_class(value) or isinstance(value, dict)


def _whole_text_labels(obj: Mapping[str, Any]) -> dict[str, object]:
    """A line's "label"/"labels" that class the whole text, which its article keeps as metadata.

    Not claims (a claim is a span of the text), and not dropped unsaid: a news corpus's category
    or a text classification export's class stays with its article and is exported with it. A
    Prodigy answer of reject or ignore says the text is *not* of that class: it is left out.
    """
    if obj.get("answer") in ("reject", "ignore"):
        return {}
    return {key: obj[key] for key in ("label", "labels") if key in obj and _labels_the_whole_text(obj[key])}


def _a_class(value: object) -> bool:
    """A class's name or number (JSON's true and false are neither)."""
    return isinstance(value, str | int | float) and not isinstance(value, bool)


def _collect_spans(obj: Mapping[str, Any], raw: str, person: str = "") -> _SpanCollector:
    """Understand our own export, Prodigy tasks and doccano lines (both of its span layouts).

    `person`: whose line it is, credited with each claim whose span names no annotator.
    """
    spans = _SpanCollector(raw, person)
    spans.suggested = _doccano_suggested(obj)
    rejected = obj.get("answer") in ("reject", "ignore")
    if not rejected:
        for key in ("spans",):
            items = obj.get(key)
            if items is None:
                continue
            if not isinstance(items, list):
                raise _SpanProblemError(f"{key!r} must be a list of spans")
            for i, item in enumerate(items):
                if not isinstance(item, dict):
                    raise _SpanProblemError(f"{key}[{i}] must be an object with start, end and label")
                spans.add(
                    item.get("start"),
                    item.get("end"),
                    item.get("label"),
                    expected=item.get("text"),
                    annotator=item.get("annotator", ""),
                    note=item.get("note", ""),
                    what=f"{key}[{i}]",
                )
    # doccano: "label" (older) or "labels" as [start, end, label] triples.
    for key in ("label", "labels"):
        items = obj.get(key)
        if items is None:
            continue
        if _labels_the_whole_text(items):
            continue  # a class of the whole text, no span: kept in the metadata (`_whole_text_labels`)
        if not isinstance(items, list):
            raise _SpanProblemError(f"{key!r} must be a list of [start, end, label] triples")
        for i, item in enumerate(items):
            if not isinstance(item, list) or len(item) != 3:
                raise _SpanProblemError(f"{key}[{i}] must be a [start, end, label] triple")
            spans.add_doccano(item[0], item[1], item[2], what=f"{key}[{i}]")
    _doccano_annotations(obj, spans)
    entities = obj.get("entities")
    if entities is not None and not rejected:
        if not isinstance(entities, list):
            raise _SpanProblemError("'entities' must be a list")
        for i, item in enumerate(entities):
            if isinstance(item, list):
                # doccano 0.x's sequence-labelling export (doccano PR #46): [start, end, label]
                # triples under "entities", counted in UTF-16 code units as its JavaScript did
                # (doccano PR #99). Refused as "must be an object", its labels never came in.
                if len(item) != 3:
                    raise _SpanProblemError(
                        f"entities[{i}] must be a [start, end, label] triple (doccano's first "
                        "exports) or an object with start, end and label"
                    )
                spans.add_doccano(item[0], item[1], item[2], what=f"entities[{i}]")
                continue
            if not isinstance(item, dict):
                raise _SpanProblemError(
                    f"entities[{i}] must be an object with start, end and label, or a "
                    "[start, end, label] triple (doccano's first exports)"
                )
            if "start_offset" in item:  # doccano's newer sequence-labelling layout
                spans.add_doccano(
                    item.get("start_offset"), item.get("end_offset"), item.get("label"), what=f"entities[{i}]"
                )
            else:
                spans.add(
                    item.get("start"),
                    item.get("end"),
                    item.get("label"),
                    expected=item.get("text"),
                    entity=True,
                    status=item.get("status"),
                    what=f"entities[{i}]",
                )
    quotes = obj.get("quotes")
    if quotes is not None and not rejected:
        if not isinstance(quotes, list):
            raise _SpanProblemError("'quotes' must be a list")
        for i, item in enumerate(quotes):
            if not isinstance(item, dict):
                raise _SpanProblemError(f"quotes[{i}] must be an object with start, end, kind and speaker")
            spans.add_quote(item, f"quotes[{i}]")
    return spans


_DOCCANO_IDS_ADVICE = (
    "doccano 1.0 to 1.4 wrote its own number for each label in this export, which names no label "
    "outside that doccano; export the project again in a layout that writes label names "
    '(doccano 1.x\'s "JSONL(text label)", or the "JSONL" export of a later doccano) and import that'
)


def _doccano_annotations(obj: Mapping[str, Any], spans: _SpanCollector) -> None:
    """The spans of doccano 1.x's JSONL export: "annotations", each with "label", "start_offset",
    "end_offset" and the user's number (a text classification's without offsets).

    Not read, such a line came in as an article with no label and the list in its metadata,
    and the import said it had imported it. A label that is a name is read as doccano's
    others are; one that is a number (as doccano 1.0 to 1.4 wrote it) refuses the line, saying
    how to export names. A class of the whole text given by name stays in the metadata.
    """
    items = obj.get("annotations")
    if not isinstance(items, list):
        return
    for i, item in enumerate(items):
        what = f"annotations[{i}]"
        if isinstance(item, dict) and "result" in item:
            # Label Studio's annotation of a task whose text was put at the top: its labels
            # would otherwise lie unread in the metadata.
            raise _SpanProblemError(
                f"{what} is a Label Studio annotation (its labels in result), which is not read; "
                + _LABEL_STUDIO_ADVICE
            )
        if not isinstance(item, dict) or "label" not in item:
            continue  # not doccano's: kept in the metadata as it came
        label = item["label"]
        if isinstance(label, int | float) and not isinstance(label, bool):
            raise _SpanProblemError(
                f"{what}.label is {label!r}, a doccano label id, not a name; {_DOCCANO_IDS_ADVICE}"
            )
        if not isinstance(label, str) or not label.strip():
            raise _SpanProblemError(_no_label_name(label, what))
        if "start_offset" in item or "end_offset" in item:
            spans.add_doccano(item.get("start_offset"), item.get("end_offset"), label, what=what)


def _doccano_annotation_spans(obj: Mapping[str, Any]) -> bool:
    """Whether a line's "annotations" are doccano 1.x's spans (read as spans, not kept as metadata)."""
    items = obj.get("annotations")
    return isinstance(items, list) and any(
        isinstance(item, dict) and "label" in item and ("start_offset" in item or "end_offset" in item)
        for item in items
    )


# --- JSONL ------------------------------------------------------------------------------------------

_RESERVED_KEYS = frozenset(
    {"text", "meta", "title", "source", "id", "spans", "tokens", "entities", "quotes", "label", "labels",
     "_input_hash", "_task_hash", "_view_id", "_session_id", "_timestamp", "answer", "relations"}
)  # fmt: skip


_JSONL_LINE_END = re.compile("\r\n|\r|\n")


def _read_jsonl(raw: str, path: str | Path, encoding: str) -> Iterator[ReadResult]:
    # Any line ending, as the text files' (a CR-only file was one invalid line). Not
    # `str.splitlines`: U+2028 and U+0085 may stand unescaped inside a JSON string.
    # A byte order mark opens any line, not only the first: `cat a.jsonl b.jsonl` of files a
    # Windows tool saved leaves b's there, and its good line was refused in a parser's words
    # ("Unexpected UTF-8 BOM (decode using utf-8-sig)"). Outside the JSON, it moves no span.
    first_line = next((line for line in _jsonl_lines(raw) if line.strip()), None)
    if first_line is None:
        yield InputFileError(path, "the file has no lines to import")
        return
    if (array := _json_array_refusal(raw, first_line, path)) is not None:
        yield array
        return
    if _is_cas_json(raw):
        yield _inception_refusal(path, "UIMA CAS JSON")
        return
    # The lines are read whole before any becomes an article: a Prodigy session's person is
    # what follows the dataset's name, and the dataset is what the file's sessions share.
    parsed: deque[tuple[int, object]] = deque()
    dataset: str | None = None
    bad = 0
    first = True
    for number, line in enumerate(_jsonl_lines(raw), start=1):
        if not line.strip():
            continue
        try:
            obj: object = strict_json(line)
        except (ValueError, RecursionError) as exc:
            reason = _json_problem(exc) if isinstance(exc, json.JSONDecodeError) else str(exc)
            obj = InputFileError(
                path, f"invalid JSON ({reason}); each line must be one JSON object", line=number
            )
            bad += 1
        else:
            if first and _is_claim_row(obj):
                yield InputFileError(path, CLAIMS_EXPORT_REASON)
                return
            first = False
        parsed.append((number, obj))
        if dataset is None and bad > MAX_BAD_LINES:
            # A file this bad is left out whole (`_unless_flooded`): told now, not once ten
            # million rejections are kept. What is read on is read a line at a time.
            dataset = _prodigy_dataset(obj for _number, obj in parsed)
        if dataset is not None:
            yield from _jsonl_drafts(parsed, path, encoding, dataset)
    if dataset is None:
        dataset = _prodigy_dataset(obj for _number, obj in parsed)
    yield from _jsonl_drafts(parsed, path, encoding, dataset)


def _jsonl_lines(raw: str) -> Iterator[str]:
    """The lines of a JSON Lines file, as `_JSONL_LINE_END.split` gives them, less any opening BOM.

    One at a time: a list of them was a second copy of the whole file, held until its last line
    was read (a 180 MB file of long articles peaked at 740 MB).
    """
    start = 0
    for end in _JSONL_LINE_END.finditer(raw):
        yield raw[start : end.start()].lstrip("\ufeff")
        start = end.end()
    yield raw[start:].lstrip("\ufeff")


def _jsonl_drafts(
    parsed: deque[tuple[int, object]], path: str | Path, encoding: str, dataset: str
) -> Iterator[ReadResult]:
    """The read lines' articles and refusals, in the file's order; each line let go once read."""
    while parsed:
        number, obj = parsed.popleft()
        yield (
            obj
            if isinstance(obj, InputFileError)
            else _draft_from_object(obj, path, number, encoding, dataset=dataset)
        )


_PRODIGY_TIMESTAMP = re.compile(r"(?:^|-)\d{4}-\d{2}-\d{2}_\d{2}-\d{2}-\d{2}$")
"""The end of a session Prodigy named itself (`claims-2024-05-01_12-30-05`): no person's name."""


def _session_id(obj: object) -> str | None:
    """Prodigy's "<dataset>-<session>" of a line (`_session_id`, else `_annotator_id`), if a string."""
    if not isinstance(obj, dict):
        return None
    for key in ("_session_id", "_annotator_id"):
        value = obj.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def _prodigy_dataset(objs: Iterable[object]) -> str:
    """The dataset's name and its "-" that open every named session of a Prodigy export.

    Prodigy writes no dataset name beside a task, and a dataset's name may itself hold a "-"
    ("news-claims"): what several sessions share is the dataset. With one session only, the
    dataset is taken to end at its first "-".
    """
    named = {sid for obj in objs if (sid := _session_id(obj)) and not _PRODIGY_TIMESTAMP.search(sid)}
    if len(named) < 2:
        return ""
    shared = os.path.commonprefix(sorted(named))  # noqa: RUF071 (names, not paths: cut at a "-" below)
    return shared[: shared.rfind("-") + 1]


def _session_person(obj: Mapping[str, Any], dataset: str) -> str:
    """Who labelled a Prodigy line: its session's name without the dataset ("claims-alice" is
    "alice"), or "" for a session Prodigy named by its start time, or a line without one."""
    sid = _session_id(obj)
    if sid is None or _PRODIGY_TIMESTAMP.search(sid):
        return ""
    if dataset and sid.startswith(dataset) and len(sid) > len(dataset):
        name = sid[len(dataset) :]
    else:
        name = sid.partition("-")[2] or sid
    return _person_name(name, "'_session_id'", gold=False)


_LABEL_STUDIO_ADVICE = (
    'turn it into JSON Lines, one task a line: {"text": the task\'s data.text, "spans": '
    '[{"start": …, "end": …, "label": …}, …]} from the value of each labelled result, and import that'
)
_JSON_LINES_ADVICE = (
    'import JSON Lines (.jsonl), one article a line as an object like {"text": "The article…"}'
)


def _json_array_refusal(raw: str, first_line: str, path: str | Path) -> InputFileError | None:
    """The refusal of a file that is one JSON array (Label Studio's export is), not JSON Lines.

    Read a line at a time, a pretty-printed array was dozens of lines of "invalid JSON", and one
    on a single line "expected a JSON object ... got list": nothing said what the file was, nor
    that a task a line would do. A file whose first line is an array but which is no array as a
    whole is left to be read line by line.
    """
    if not first_line.lstrip().startswith("["):
        return None
    try:
        whole = strict_json(raw.lstrip("\ufeff"))
    except (ValueError, RecursionError):
        whole = None
    if not isinstance(whole, list) and first_line.strip() != "[":
        return None
    if isinstance(whole, list) and any(_is_label_studio_task(item) for item in whole[:_TASKS_LOOKED_AT]):
        return InputFileError(
            path,
            f"is a Label Studio export (a JSON array of tasks), which is not read; {_LABEL_STUDIO_ADVICE}",
        )
    return InputFileError(
        path, f"holds one JSON array, not one JSON object a line (JSON Lines); {_JSON_LINES_ADVICE}"
    )


_TASKS_LOOKED_AT = 20


def _is_label_studio_task(item: object) -> bool:
    """A task of Label Studio's JSON export (text in "data", spans in "annotations") or of its
    JSON-MIN one (spans in "label", each with a list of "labels")."""
    if not isinstance(item, dict):
        return False
    if isinstance(item.get("data"), dict) and ("annotations" in item or "predictions" in item):
        return True
    spans = item.get("label")
    return isinstance(spans, list) and any(isinstance(span, dict) and "labels" in span for span in spans)


def _label_studio_spans_key(obj: Mapping[str, Any]) -> str | None:
    """The key of a line's Label Studio spans, as its JSON-MIN export writes them, if it has any.

    The key is the labelling interface's name for them ("label", "ner", ...): under "label"
    the line was refused as "must be a [start, end, label] triple", saying nothing of Label
    Studio; under any other name it came in as an article with no label, the spans left
    unread in its metadata.
    """
    for key, value in obj.items():
        if isinstance(value, list) and any(
            isinstance(item, dict) and "start" in item and isinstance(item.get("labels"), list)
            for item in value
        ):
            return str(key)
    return None


_INCEPTION_ADVICE = (
    "this program reads text, Markdown, HTML, JSON Lines (Prodigy, doccano and its own export) and "
    'CSV: export the documents from INCEpTION as "Plain text" to import their texts without the '
    'labels, or write each document as one JSON Lines line {"text": …, "spans": [{"start": …, '
    '"end": …, "label": …}, …]} (start and end counting characters, where a CAS counts UTF-16 '
    "code units as Java does) and import that"
)


def _inception_refusal(path: str | Path, layout: str) -> InputFileError:
    """Why an INCEpTION or WebAnno export is not read: the file was refused as a file of ours gone
    wrong ("missing 'text' field", lines of "invalid JSON", "no 'text' column (columns:
    '#FORMAT=WebAnno TSV 3.3')"), saying nothing of the tool it came from nor what would do."""
    others = " and ".join(f'"{name}"' for name in _INCEPTION_LAYOUTS if name != layout)
    return InputFileError(
        path,
        f'is an INCEpTION (or WebAnno) export in "{layout}", which is not read, nor are its '
        f"{others} exports; {_INCEPTION_ADVICE}",
    )


_INCEPTION_LAYOUTS = ("UIMA CAS JSON", "UIMA CAS XMI", "WebAnno TSV")

_CAS_JSON_KEY = re.compile(r'^\s*\{?\s*"%(?:TYPES|FEATURE_STRUCTURES|VIEWS)"\s*:', re.MULTILINE)
"""A key only a UIMA CAS in JSON (INCEpTION's "UIMA CAS JSON" export) has at its top: `%TYPES`,
`%FEATURE_STRUCTURES` or `%VIEWS`, opening a line (pretty-printed) or the object (one line)."""


def _is_cas_json(raw: str) -> bool:
    """Whether a file is a UIMA CAS in JSON, pretty-printed or on one line (its first 64 KB looked at)."""
    head = raw[:65_536].lstrip("\ufeff \t\r\n")
    return head.startswith("{") and _CAS_JSON_KEY.search(head) is not None


_WEBANNO_TSV = re.compile(r"\A\ufeff*#FORMAT=WebAnno TSV", re.IGNORECASE)
"""The first line of a WebAnno TSV file (INCEpTION's and WebAnno's "WebAnno TSV" export)."""


_JSON_SUFFIX = ".json"


def _json_file_refusal(path: Path, max_bytes: int) -> InputFileError:
    """Why a `.json` file is not read, and what to import instead.

    It was an "unsupported file type '.json'", as a photo is: nothing said that JSON Lines is
    read, nor that the file in hand (Label Studio's export, or JSON Lines under another name)
    was one step from it. `.json` is no reader's ending, so a folder's other JSON files
    (settings, a site's data) are not listed as articles.
    """
    try:
        raw, _encoding = decode(read_regular(path, max_bytes), path)
    except InputFileError as exc:
        return exc
    lines = [line for line in _JSONL_LINE_END.split(raw.lstrip("\ufeff")) if line.strip()]
    if not lines:
        return InputFileError(path, "the file is empty")
    if _is_cas_json(raw):
        return _inception_refusal(path, "UIMA CAS JSON")
    if (array := _json_array_refusal(raw, lines[0], path)) is not None:
        return array
    if all(_is_json_object(line) for line in lines[:_TASKS_LOOKED_AT]):
        return InputFileError(
            path, "a .json file is not read; if each line is one article, as here, rename it .jsonl"
        )
    return InputFileError(path, f"a .json file is not read; {_JSON_LINES_ADVICE}")


def _is_json_object(line: str) -> bool:
    try:
        return isinstance(strict_json(line.lstrip("\ufeff")), dict)
    except (ValueError, RecursionError):
        return False


_CLAIM_ROW_KEYS = frozenset({"article_id", "start", "end", "label", "context"})
"""What each row of a project's export of claims only holds besides the claim's words ("text"):
the export "one claim a row", as CSV columns or JSON Lines keys (`writers.claim_record`)."""

CLAIMS_EXPORT_REASON = (
    "is a file of claims exported from a project (one claim a row, with the claim's words and "
    "sentence but not its article), so it holds no article to import; import the project's export "
    "in Prodigy-style JSON Lines, which holds the articles with their claims, or merge the project "
    "file itself"
)
"""Why such an export is refused whole: read as articles, each claim became an article of its
own words, its label and its article lost, and the import said it had imported them."""


def _is_claim_row(obj: object) -> bool:
    """Whether a JSON line is a claim of a project's claims-only export, not an article.

    Its "label" is one name (doccano's is a list of spans) and its offsets are at the top
    (Prodigy's are in "spans"), beside the sentence it stands in.
    """
    return (
        isinstance(obj, dict)
        and obj.keys() >= _CLAIM_ROW_KEYS
        and isinstance(obj.get("label"), str)
        and isinstance(obj.get("context"), str)
    )


def _json_problem(exc: json.JSONDecodeError) -> str:
    """The parser's message without its "line 1 column 10 (char 9)" (a file's line is named
    apart), but with the place where the message points at one: "Unterminated string starting
    at" read as a sentence cut off in the window's import report."""
    if exc.msg.endswith(" at"):
        return f"{exc.msg} character {exc.colno}"
    return exc.msg


def _draft_from_object(
    obj: object, path: str | Path, line: int, encoding: str, *, dataset: str = ""
) -> ReadResult:
    """One JSON line's article. `dataset`: what opens the file's Prodigy session names."""
    if not isinstance(obj, dict):
        return InputFileError(
            path, f"expected a JSON object with a 'text' field, got {type(obj).__name__}", line=line
        )
    raw = obj.get("text")
    if raw is None and isinstance(obj.get("data"), dict) and "text" in obj["data"]:
        return InputFileError(
            path,
            f"a Label Studio task (its text in data.text), which is not read; {_LABEL_STUDIO_ADVICE}",
            line=line,
        )
    if (key := _label_studio_spans_key(obj)) is not None:
        return InputFileError(
            path,
            f"{key!r} holds Label Studio spans (each with start, end and a list of labels, as its "
            f'JSON-MIN export writes them), which are not read; write them as "spans": '
            f'[{{"start": …, "end": …, "label": …}}, …], a span for each of a span\'s labels, '
            "and import that",
            line=line,
        )
    if raw is None:
        return InputFileError(path, "missing 'text' field", line=line)
    if not isinstance(raw, str):
        return InputFileError(path, f"'text' must be a string, got {type(raw).__name__}", line=line)
    text = normalize_text(raw)
    if _blank_text(text):
        return InputFileError(path, "empty text", line=line)
    if "\x00" in text:
        return InputFileError(path, "the text contains a NUL character", line=line)
    doccano = _doccano_spans(obj)
    file_person = ""
    try:
        session = _session_person(obj, dataset)
        doccano_person = _doccano_person(obj) if doccano and not session else ""
        person = session or doccano_person
        spans = _collect_spans(obj, raw, person)
    except _SpanProblemError as exc:
        return InputFileError(path, str(exc), line=line)
    if doccano and not person:
        try:
            file_person = _person_name(Path(path).stem, "the file's name", gold=False)
        except _SpanProblemError:
            file_person = ""  # no name to credit: a second person's line of the text is refused
    if spans.ignored:
        log.info("%s:%d: ignored spans with labels we do not use: %s", path, line, spans.ignored)
    meta_value = obj.get("meta")
    meta: dict[str, Any] = dict(meta_value) if isinstance(meta_value, dict) else {}
    meta.pop(DOCCANO_SUGGESTED, None)  # read as the entities' status (`_doccano_suggested`)
    if meta_value is not None and not isinstance(meta_value, dict):
        meta["meta"] = meta_value
    try:
        status = _article_status(meta) if isinstance(meta_value, dict) else None
        title = _optional_string(obj.get("title"), "'title'") or _meta_string(meta, "title", pop=True)
        # A news dump's "url" is its address, at the top or in "meta": the source when none is
        # named, and kept in the metadata as it came. Not text (a list, a number): metadata only.
        url = obj.get("url")
        source = (
            _optional_string(obj.get("source"), "'source'")
            or _meta_string(meta, "source", pop=True)
            or (url.strip() if isinstance(url, str) else "")
            or _meta_string(meta, "url")
        )
    except _SpanProblemError as exc:
        return InputFileError(path, str(exc), line=line)
    if "id" in obj:
        meta.setdefault("id", obj["id"])
    for key, value in obj.items():
        if (
            key not in _RESERVED_KEYS
            and not key.startswith("_")
            and not (doccano_person and key in _DOCCANO_PERSON_KEYS)
            and not (key == "annotations" and _doccano_annotation_spans(obj))
        ):
            meta.setdefault(key, value)
    for key, value in _whole_text_labels(obj).items():
        meta.setdefault(key, value)
    return ArticleDraft(
        text=text,
        title=title.strip() or guess_title(text, f"{display_path(Path(path).stem)} line {line}"),
        source=source,
        meta=meta,
        origin=display_path(path),
        line=line,
        encoding=encoding,
        claims=tuple(spans.claims),
        entities=tuple(spans.entities),
        quotes=tuple(spans.quotes),
        left_out_labels=tuple(spans.ignored.items()),
        annotator=person,
        file_person=file_person,
        status=status,
    )


_DOCCANO_PERSON_KEYS = ("user", "username")
"""Where a doccano line may name its person: doccano's first exports wrote `username` beside the
labels, and a team's lines joined into one file by hand need a place to say whose each is."""


DOCCANO_SUGGESTED = "suggested_entities"
"""The key of a doccano line's `meta` listing, as [start, end, label] in the line's units, the
entities of its `label` that pre-annotation suggested and no one decided (our doccano export
writes it; doccano keeps `meta` with the line and writes it back)."""


def _doccano_suggested(obj: Mapping[str, Any]) -> frozenset[tuple[int, int, str]]:
    """The entity spans a doccano line's `meta` marks as suggestions, taken out of its `meta`.

    A value of another shape is refused, naming the key: it is ours, so it was edited by hand or
    damaged, and read as nothing it would bring the suggestions back as accepted by a person.
    """
    meta = obj.get("meta")
    if not isinstance(meta, dict) or DOCCANO_SUGGESTED not in meta:
        return frozenset()
    value = meta[DOCCANO_SUGGESTED]
    if not isinstance(value, list) or not all(_a_triple(item) for item in value):
        raise _SpanProblemError(
            f"meta.{DOCCANO_SUGGESTED} must be a list of [start, end, label] triples, as the "
            "export writes it; leave it as it was, or remove it to take every entity as accepted"
        )
    return frozenset((start, end, label) for start, end, label in value)


def _a_triple(item: object) -> bool:
    """Whether `item` is [start, end, label]: two whole numbers and a string."""
    return (
        isinstance(item, list)
        and len(item) == 3
        and all(isinstance(n, int) and not isinstance(n, bool) for n in item[:2])
        and isinstance(item[2], str)
    )


def _doccano_spans(obj: Mapping[str, Any]) -> bool:
    """Whether a line gives doccano's spans: a "label" or "labels" list of [start, end, label]
    triples (empty too, as doccano writes a text no one labelled), not a class of the whole text,
    or doccano 0.x's "entities" list of triples (its `username` names the line's person)."""
    entities = obj.get("entities")
    return (
        _doccano_annotation_spans(obj)
        or any(
            isinstance(obj.get(key), list) and not _labels_the_whole_text(obj[key])
            for key in ("label", "labels")
        )
        or (isinstance(entities, list) and any(isinstance(item, list) for item in entities))
    )


def _doccano_person(obj: Mapping[str, Any]) -> str:
    """The person a doccano line names in `user` or `username`, "" where it names none.

    A number is doccano's id of a user, which names no one outside that doccano: not taken.
    """
    for key in _DOCCANO_PERSON_KEYS:
        value = obj.get(key)
        if isinstance(value, str) and value.strip():
            return _person_name(value, f"'{key}'", gold=False)
    return ""


def _article_status(meta: dict[str, Any]) -> ArticleStatus | None:
    """The status our jsonl export writes in a line's meta (`article_status`), taken out of the
    metadata; None where the line gives none (an older export, another tool's file).

    Written in other capitals, or with a space or hyphen for the underscore, it is still read.
    Any other value is refused rather than passed over: the key is ours, so another value is
    a line edited by hand or damaged, and a "finished" read as nothing would bring a done
    article in as not done without a word (as an entity's unknown `status` is refused).
    """
    value = meta.pop("article_status", None)
    if value is None:
        return None
    known = ", ".join(status.value for status in ArticleStatus)
    if not isinstance(value, str):
        raise _SpanProblemError(f"meta.article_status must be one of {known}, got {_json_kind(value)}")
    try:
        return ArticleStatus(re.sub(r"[\s-]+", "_", value.strip().lower()))
    except ValueError:
        raise _SpanProblemError(
            f"meta.article_status is {value[:40]!r}, which is no status; give one of {known} "
            "(or leave it out: the article starts new, or in progress with claims)"
        ) from None


# --- CSV and TSV ------------------------------------------------------------------------------------


MAX_CSV_FIELDS = 16_384
"""A spreadsheet's columns (Excel's and LibreOffice's): a row or header wider is no table of articles."""


def _read_csv(
    raw: str, path: str | Path, encoding: str, *, delimiter: str, column: str | None, sep_line: bool = False
) -> Iterator[ReadResult]:
    """`sep_line`: the first line is Excel's `sep=;`, which names the delimiter and is no row."""
    # Normalise first: fields may hold CRLF, and the csv module handles newlines inside quotes itself.
    text = normalize_text(raw)
    # A field may be a whole article; the limit is process-wide, so only ever raise it.
    if len(text) > csv.field_size_limit():
        csv.field_size_limit(len(text))
    reader = csv.reader(_lines_of(text), delimiter=delimiter, strict=True)
    header_line = 2 if sep_line else 1
    try:
        if sep_line:
            next(reader)
        header = next(reader)
    except StopIteration:
        yield InputFileError(path, "the file is empty; a header row with a 'text' column is needed")
        return
    except csv.Error as exc:
        yield InputFileError(path, f"malformed CSV header ({exc})", line=header_line)
        return
    if len(header) > MAX_CSV_FIELDS:
        yield InputFileError(
            path,
            f"the header has {len(header):,} columns, more than a spreadsheet's {MAX_CSV_FIELDS:,}: "
            "is this a table of articles?",
            line=header_line,
        )
        return
    names = [name.strip() for name in header]
    if {name.lower() for name in names} >= _CLAIM_ROW_KEYS:
        yield InputFileError(path, CLAIMS_EXPORT_REASON)
        return
    wanted = column or "text"
    index = _find_column(names, wanted)
    if index is None:
        if any(_looks_like_text(name) for name in names):
            yield InputFileError(path, _no_header_reason(names), line=header_line)
            return
        columns = ", ".join(repr(n) for n in names)
        if _no_column_of_text(_csv_rows(reader)):
            # A folder of articles often carries an index of them (file, url, title): telling
            # people to rename "the column that holds the text" sent them looking for one.
            yield InputFileError(
                path,
                f"the file has no column of article text (columns: {columns}): is it a list of files "
                "or a spreadsheet of something else? Import the articles' own files, or a CSV with "
                "one article's text a row",
            )
            return
        hint = "" if column else "; choose the text column with --text-column"
        yield InputFileError(path, f"no {wanted!r} column (columns: {columns}){hint}", line=header_line)
        return
    keys = _column_keys(names)
    stem = display_path(Path(path).stem)
    start_line = reader.line_num + 1
    rows = _csv_rows(reader)
    # A header with no row under it (a spreadsheet saved before its rows were pasted in) is
    # refused as an empty text file is: read as nothing, the import said "no articles found:
    # give ... .csv files" to someone who had given one.
    rows_seen = False
    for row in rows:
        if isinstance(row, csv.Error):
            yield InputFileError(path, _malformed_row(row, start_line, text), line=start_line)
            return
        line = start_line
        start_line = reader.line_num + 1
        if len(row) > MAX_CSV_FIELDS:
            # Before the cells become metadata: nine million of them took 2.9 GB.
            yield InputFileError(
                path,
                f"the row has {len(row):,} fields, more than a spreadsheet's {MAX_CSV_FIELDS:,} columns "
                "(a stray separator?)",
                line=line,
            )
            rows_seen = True
            continue
        if not any(cell.strip() for cell in row):
            continue
        rows_seen = True
        # `cat a.csv b.csv` leaves b's byte order mark and header mid-file: the header became an
        # article whose text was "text", and the mark the first letter of the next title.
        row = [cell.lstrip("\ufeff") for cell in row]
        if [cell.strip() for cell in row] == names:
            yield InputFileError(path, "the row repeats the header (were two files joined?)", line=line)
            continue
        if index >= len(row):
            # Say what the header expected: "1 fields and no 'text' value" left the reader
            # counting commas to find what was missing.
            fields = "field" if len(row) == 1 else "fields"
            separator = {",": "comma", "\t": "tab", ";": "semicolon"}.get(delimiter, "separator")
            yield InputFileError(
                path,
                f"the row has {len(row)} {fields} where the header has {len(names)}, so no "
                f"{names[index]!r} value (a missing {separator}, or a quote left open?)",
                line=line,
            )
            continue
        # A cell may itself start with a BOM (a file pasted into a spreadsheet); the store
        # would strip it later and shift nothing we know of, so strip it here, once.
        body = normalize_text(row[index])
        if _blank_text(body):
            yield InputFileError(path, "empty text", line=line)
            continue
        meta = {
            (keys[i] if i < len(keys) else f"column_{i + 1}"): value
            for i, value in enumerate(row)
            if i != index
        }
        title = _pop_ci(meta, "title")
        # Any case, as for the title: a spreadsheet's column is "URL" as often as "url".
        source = _pop_ci(meta, "source") or next((v for k, v in meta.items() if k.lower() == "url"), "")
        yield ArticleDraft(
            text=body,
            title=title or guess_title(body, f"{stem} line {line}"),
            source=source,
            meta=meta,
            origin=display_path(path),
            line=line,
            encoding=encoding,
        )
    if not rows_seen:
        yield InputFileError(path, "the file has a header row but no rows of articles under it")


_NO_HEADER_SHOWN = 40
"""How much of the first row's text a refusal quotes: enough to know the article by."""


def _no_header_reason(names: list[str]) -> str:
    """Why a file whose first row is an article, not the columns' names, is refused.

    A spreadsheet saved with no header row was refused as having "no 'text' column (columns:
    'The minister said…', '2020-01-01')", with advice to rename (or, on the command line, to
    choose) the column of text: there was no name to rename, and choosing one would have
    named a column by an article's text. The file needs a header row, and this says so.
    """
    cell = " ".join(next(name for name in names if _looks_like_text(name)).split())
    # Cut at a word, not in one: "taxes w…" read as a typo.
    shown = cell if len(cell) <= _NO_HEADER_SHOWN else cell[: _NO_HEADER_SHOWN + 1].rsplit(" ", 1)[0] + "…"
    return (
        f"the first row holds an article ({shown!r}), not the names of the columns: add a first "
        "row that names them, with “text” above the articles' text, and import the file again"
    )


def _malformed_row(error: csv.Error, line: int, text: str) -> str:
    """Why a row cannot be read, and that the file was read no further than it.

    Reading stops at such a row (a quote left open swallows every line after it). Said only
    as "malformed CSV" on its line, the window imported the rows above it and reported one bad
    line: the hundreds of rows below it were left out with nothing to say so.
    """
    last = text.count("\n") + (0 if text.endswith("\n") else 1)
    unread = f"line {line} was" if last <= line else f"lines {line} to {last:,} were"
    return (
        f"malformed CSV ({error}): a quotation mark in this row is left open or out of place, "
        f"so the file was read no further and {unread} not imported; put the row's quotation "
        "marks right and import the file again"
    )


def _column_keys(names: list[str]) -> list[str]:
    """The metadata key of each column: its name, or where it has none `column_N` (N from 1).

    A name a column before it has already taken is told apart by its place ("note (column 4)"):
    a spreadsheet's two "note" columns were one key, and every cell of the first was lost.
    """
    keys: list[str] = []
    taken: set[str] = set()  # a set: a header may have 16,384 columns
    for i, name in enumerate(names):
        key = name or f"column_{i + 1}"
        key = f"{key} (column {i + 1})" if key in taken else key
        keys.append(key)
        taken.add(key)
    return keys


_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*(?=\s|$)")
_PROSE_CHARS = 200
_PROSE_WORDS = 20
_SENTENCE_WORDS = 6
_SENTENCES_WORDS = 4


def _looks_like_text(value: str) -> bool:
    """Whether a cell could be (part of) an article: long prose, several sentences, or one sentence.

    One sentence counts because a file of labelled sentences (NewsSD's) is text too, only in a
    column named otherwise. Titles, names, dates, URLs and file names are none of these.
    """
    cell = value.strip()
    words = len(cell.split())
    if len(cell) > _PROSE_CHARS and words >= _PROSE_WORDS:
        return True
    ends = [match.end() for match in _SENTENCE_END.finditer(cell)]
    if len(ends) >= 2:  # "It rained. Then it stopped."; "Dr. No" is too short to count
        return words >= _SENTENCES_WORDS
    return words >= _SENTENCE_WORDS and bool(ends) and ends[-1] == len(cell)


def _no_column_of_text(rows: Iterable[list[str] | csv.Error]) -> bool:
    """Whether rows were read and no cell in any of them holds anything like text.

    A file with no rows at all says nothing either way, so it is not called textless.
    """
    seen = False
    for row in rows:
        if isinstance(row, csv.Error):
            break
        seen = seen or any(cell.strip() for cell in row)
        if any(_looks_like_text(cell) for cell in row):
            return False
    return seen


_CSV_DELIMITERS = (",", ";", "\t")
"""The separators a `.csv` may use, in the order a tie goes: commas first."""


def _csv_delimiter(raw: str, wanted: str) -> str:
    """The comma, or the semicolon or tab when the header is split by those.

    A spreadsheet set to a language whose decimal mark is a comma (German, French, Spanish...)
    saves "CSV" with semicolons, and a database dump or Excel's "Unicode Text" renamed to .csv
    has tabs; read with commas, the header was one column and the file was refused. The header
    decides: the separator that gives it the wanted column, else the one that splits it into
    more columns (so a refusal names the real columns); commas on a tie.
    """
    header: dict[str, list[str]] = {}
    for delimiter in _CSV_DELIMITERS:
        try:
            names = next(
                csv.reader(io.StringIO(normalize_text(raw[:_HEADER_PEEK]), newline=""), delimiter=delimiter),
                [],
            )
        except csv.Error:
            names = []
        header[delimiter] = [name.strip() for name in names]
        if _find_column(header[delimiter], wanted) is not None:
            return delimiter
    return max(_CSV_DELIMITERS, key=lambda delimiter: len(header[delimiter]))


def _lines_of(text: str) -> Iterator[str]:
    """The lines of a normalised text (LF only), each with its end, one at a time.

    As `io.StringIO(text, newline="")` gives them, without its copy of the whole text at four
    bytes a character: a 65 MB CSV's took 0.26 GB.
    """
    at, size = 0, len(text)
    while at < size:
        end = text.find("\n", at) + 1 or size
        yield text[at:end]
        at = end


_HEADER_PEEK = 65_536
"""How much of a CSV file's start `_csv_delimiter` reads: a header row is far shorter."""


def _csv_rows(reader: Iterable[list[str]]) -> Iterator[list[str] | csv.Error]:
    iterator = iter(reader)
    while True:
        try:
            yield next(iterator)
        except StopIteration:
            return
        except csv.Error as exc:
            yield exc
            return


def _find_column(names: list[str], wanted: str) -> int | None:
    for candidates in (names, [n.lower() for n in names]):
        target = wanted if candidates is names else wanted.lower()
        if target in candidates:
            return candidates.index(target)
    return None


def _pop_ci(meta: dict[str, str], key: str) -> str:
    for name in list(meta):
        if name.lower() == key:
            return meta.pop(name).strip()
    return ""


# --- the registry: one entry per input format ---------------------------------------------------


@reader("Plain text", ".txt")
def _text_file(raw: str, path: Path, encoding: str, column: str | None) -> Iterator[ReadResult]:
    if _is_tab_table(raw, column or "text"):
        yield from _read_csv(raw, path, encoding, delimiter="\t", column=column)
        return
    yield _read_text(raw, path, encoding, markdown=False)


def _is_tab_table(raw: str, wanted: str) -> bool:
    """Whether a `.txt` is a spreadsheet saved as tab-separated text, its header naming `wanted`.

    Excel's "Text (Tab delimited)" and "Unicode Text", and LibreOffice's text export, end in
    `.txt`: read as an article, a sheet of 50,000 rows became one article holding the whole
    table, its header row for a title. Only a first line of tab-separated cells, one of them
    the column of text, is taken for a table: no article opens with that.
    """
    first = normalize_text(raw[:_HEADER_PEEK]).lstrip("\ufeff").split("\n", 1)[0]
    if "\t" not in first:
        return False
    # Excel quotes a cell that needs it, header cells too.
    return _find_column([cell.strip().strip('"') for cell in first.split("\t")], wanted) is not None


@reader("Markdown", ".md", ".markdown")
def _markdown_file(raw: str, path: Path, encoding: str, _column: str | None) -> Iterator[ReadResult]:
    yield _read_text(raw, path, encoding, markdown=True)


@reader("HTML pages", ".html", ".htm", html=True)
def _html_file(raw: str, path: Path, encoding: str, _column: str | None) -> Iterator[ReadResult]:
    yield _read_html(raw, path, encoding)


@reader("JSON Lines (Prodigy, doccano, our export)", ".jsonl", ".ndjson")
def _jsonl_file(raw: str, path: Path, encoding: str, _column: str | None) -> Iterator[ReadResult]:
    yield from _read_jsonl(raw, path, encoding)


_EXCEL_SEP_LINE = re.compile(r"\A\ufeff*sep=([^\r\n\"])\r?\n", re.IGNORECASE)
"""Excel's first line `sep=;`, which names the separator of the rows below it."""


@reader("CSV, one article a row", ".csv")
def _csv_file(raw: str, path: Path, encoding: str, column: str | None) -> Iterator[ReadResult]:
    # A file written for Excel in a country whose decimal mark is a comma may open with `sep=;`:
    # read as the header, it was "no 'text' column (columns: 'sep=', '')", the real header unseen.
    if sep := _EXCEL_SEP_LINE.match(raw):
        yield from _read_csv(raw, path, encoding, delimiter=sep.group(1), column=column, sep_line=True)
        return
    yield from _read_csv(raw, path, encoding, delimiter=_csv_delimiter(raw, column or "text"), column=column)


@reader("TSV, one article a row", ".tsv")
def _tsv_file(raw: str, path: Path, encoding: str, column: str | None) -> Iterator[ReadResult]:
    if _WEBANNO_TSV.match(raw):
        yield _inception_refusal(path, "WebAnno TSV")
        return
    yield from _read_csv(raw, path, encoding, delimiter="\t", column=column)


SUPPORTED_EXTENSIONS = supported_extensions()
"""Kept for callers that want a constant; `READERS` is the source."""
