"""What the window showed when it last closed a project cleanly, to show it again at once.

Reopening a project is the common start, and its first paint waited for the domain model,
the store, the window's modules and every safety check (docs/DESIGN.md, *Start-up*). When
the window closes a project cleanly it records here the article that project would open
on, its title and text, the settings that shape the page, and the identity of the project
file (size, mtime_ns, ctime_ns, inode, device) and of the settings file. The next start
that would open the same, unchanged file paints that record first, and then opens the
project as always, every check first.

Why a record and not a quick read of the project: the record holds nothing the app did
not itself read from a checked file, so no byte of a project is read before its checks,
whatever the file holds; and the first paint needs no SQLite. The identity check keeps a
changed file from being previewed: a write changes the size, mtime or ctime (which no
user can set back), a replaced file changes the inode, and a write-ahead log with content
(changes not yet in the file) means no record is written or used. Anything unexpected
(no record, a mismatch, a broken or hostile record) means no preview: the start goes the
checked way. The record lives beside the settings and is as untrusted: it is read within
limits, checked field by field, and its text is only ever shown as plain text.

The same close also records the window's part alone (`window-at-close.json`: the settings
that shape the page, the bars' and panes' sizes, the window's size, the settings file's
identity), which holds for any project: a start on a project with no matching record (never
opened, closed elsewhere, changed since) paints its page at those sizes with the article
read from the file after the open's own checks (`services.first_open`).

The record's article is the one open at the close, with where the person was in it (`Place`:
caret, selection and scroll): the next start shows it there, when it still exists with the same
text (`left_at`), even if the file changed since (the preview is then read from the file,
`services.first_open`); an article deleted or edited since, or a record without a place (written
before it was kept), opens on the first not done article, as `core.reading_order` says. A close
whose file cannot be previewed (its log not empty) still records the place, with no identity.

A window maximized at the close also records what decided its size (`Maximized`: the screen's
name and available geometry): the next start previews it only when it is to be maximized on a
screen that is still so, and checks the size again when the window is mapped (`ui.quick_start`).

Each project also keeps its own place (`keep_place`, `kept_place`, `places.json`): the close
record names one project, the last closed, so a person who switched between two projects with
File > Open Recent, or opened one with File > Open, found the other on its first article not
done. The places of the ten projects closed last (as many as Open Recent lists) are kept, each
as the article's id and its text's hash (no text: a place needs none, and a long article's
place is kept too), and used at every open when the close record has none for that project.

Standard library only (besides `services.paths`): the first paint imports this module.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import stat
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from annotator.services.paths import config_dir, settings_file
from annotator.services.regular_files import open_regular

log = logging.getLogger(__name__)

RECORD_NAME = "last-closed.json"
WINDOW_RECORD_NAME = "window-at-close.json"
RECORD_VERSION = 1
MAX_TEXT_CHARS = 500_000
"""A longer article is not recorded (its first paint would not be the slow part)."""
_MAX_RECORD_BYTES = 8 * MAX_TEXT_CHARS  # JSON escapes, every character at most \\uXXXX
_MAX_NAME_CHARS = 4096
_THEMES = ("system", "light", "dark")
_MAX_SCREEN_NAME_CHARS = 256
_MAX_FONT_CHARS = 512  # `QFont.toString()`: a family name and a dozen numbers
_MAX_COORDINATE = 100_000
PLACE_VERSION = 1
"""The version of a record's `place`: a place of another version is no place (the rule applies)."""
PLACES_NAME = "places.json"
PLACES_VERSION = 1
MAX_PLACES = 10
"""Projects whose place is kept, the most recently closed first: as many as Open Recent lists."""
_MAX_HASH_CHARS = 64  # `core.text.content_hash`: a SHA-256 in hex
_MAX_PLACES_BYTES = MAX_PLACES * (2 * _MAX_NAME_CHARS * 6 + 1024)  # paths escaped, and the numbers


class Maximized(NamedTuple):
    """Where a window maximized at the close was: its size then holds again on the same screen.

    The window manager gives a maximized window its size only when it maps it; on a screen of the
    same name and available geometry (the screen less its panels), under the same window manager,
    it is the size it had at the close. `ui.quick_start` checks that size again before painting.
    """

    screen: str
    available: tuple[int, int, int, int]
    """x, y, width and height of the screen's available geometry, in Qt's device-independent pixels."""


class Place(NamedTuple):
    """Where the person was in the article open at the close, in code points (converted to Qt's
    UTF-16 only in `ui`): caret, selection, and the first character of the page's top line.

    The scroll is kept as a place in the text, not as a scroll bar value: that value counts
    wrapped lines, so it names another place at another width or zoom."""

    caret: int
    selection: tuple[int, int] | None
    top: int


class LeftAt(NamedTuple):
    """The article open at the last clean close of a project, its text then, and the place in it.

    The text is what tells whether the place still holds: offsets into an edited text point at
    other words, so a changed text (or a deleted article) means the usual first article."""

    article_id: int
    text: str
    place: Place


class KeptPlace(NamedTuple):
    """Where the person was in a project when the window last closed it (`kept_place`).

    The hash of the article's text (`core.text.content_hash` of the text shown, not the file's
    column, which a file may hold stale) tells whether the place still holds; the caller also
    checks that the place lies within the text, which the record cannot tell."""

    article_id: int
    content_hash: str
    place: Place


class Reopened(NamedTuple):
    """What the first paint of a reopened project shows (`ui.quick_start`)."""

    project: Path
    article_id: int
    title: str
    text: str
    annotator: str
    theme: str
    font_size: int
    menu_height: int
    """Heights in pixels of the menu bar and of the parts above and below the text in the
    reading column, as laid out at close: the preview holds their places, so the text does
    not move when they arrive."""
    legend_height: int
    context_height: int
    pane_widths: tuple[int, int, int]
    """The widths of the article list, the reading column and the claim list at close."""
    window_size: tuple[int, int]
    """The window's width and height at close: the panes' widths hold for that size only."""
    recent_projects: tuple[str, ...]
    maximized: Maximized | None = None
    """Where the window was maximized at close; None if it was not (or was full screen)."""
    desktop_font: str = ""
    """The desktop's font at close, as Qt describes it ("" in records written before the field):
    the heights and widths above were laid out with it, and hold with it only."""
    place: Place | None = None
    """Where the person was in this article at close; None shows its top (no place recorded, or
    the article is the first not done one, read from the file)."""


class WindowAtClose(NamedTuple):
    """The window's part of a clean close's record: what shapes the page of any project."""

    annotator: str
    theme: str
    font_size: int
    menu_height: int
    legend_height: int
    context_height: int
    pane_widths: tuple[int, int, int]
    window_size: tuple[int, int]
    recent_projects: tuple[str, ...]
    maximized: Maximized | None = None
    desktop_font: str = ""

    def page(
        self, project: Path, article_id: int, title: str, text: str, place: Place | None = None
    ) -> Reopened:
        """The first paint of `project` (a resolved path) on this article, laid out as at the close."""
        return Reopened(
            project,
            article_id,
            title,
            text,
            self.annotator,
            self.theme,
            self.font_size,
            self.menu_height,
            self.legend_height,
            self.context_height,
            self.pane_widths,
            self.window_size,
            self.recent_projects,
            self.maximized,
            self.desktop_font,
            place,
        )


def record_path() -> Path:
    return config_dir() / RECORD_NAME


def window_record_path() -> Path:
    return config_dir() / WINDOW_RECORD_NAME


def _identity(path: Path) -> list[int] | None:
    """Size, mtime_ns, ctime_ns, inode and device of a regular file; None for anything else."""
    try:
        found = os.stat(path)
    except (OSError, ValueError):
        return None
    if not stat.S_ISREG(found.st_mode):
        return None
    return [found.st_size, found.st_mtime_ns, found.st_ctime_ns, found.st_ino, found.st_dev]


def _log_is_empty(project: Path) -> bool:
    """Whether SQLite's write-ahead log beside `project` is absent or empty (all in the file)."""
    try:
        return os.stat(f"{project}-wal").st_size == 0
    except FileNotFoundError:
        return True
    except (OSError, ValueError):
        return False


def forget() -> None:
    """Drop the record (a start that could not use it, or a close that was not clean)."""
    with contextlib.suppress(OSError):
        record_path().unlink()


def _forget_window() -> None:
    with contextlib.suppress(OSError):
        window_record_path().unlink()


def record_close(
    project: Path,
    *,
    article_id: int,
    title: str,
    text: str,
    theme: str,
    font_size: int,
    annotator: str,
    recent_projects: tuple[str, ...],
    menu_height: int,
    legend_height: int,
    context_height: int,
    pane_widths: tuple[int, int, int],
    window_size: tuple[int, int],
    maximized: Maximized | None = None,
    desktop_font: str = "",
    place: Place | None = None,
) -> bool:
    """Record a project the window has just closed cleanly (the file closed, its log empty).

    `theme`, `font_size`, `annotator` and `recent_projects` are the settings file's, read
    after its last save: the record holds the settings file's identity beside them.
    The window's part is recorded on its own too (`first_opening`), whatever the project's
    state. `article_id` is the article open at the close and `place` where the person was in it
    (None for the first not done article, shown at its top). A file that cannot be previewed
    (its log not empty) still gets a record, with no identity, for the place alone (`left_at`).
    Returns whether the project's record was written; on any doubt there is none.
    """
    forget()
    _forget_window()
    if not annotator:
        return False
    window = {
        "version": RECORD_VERSION,
        "settings": _identity(settings_file()),
        "annotator": annotator,
        "theme": theme,
        "font_size": font_size,
        "recent_projects": list(recent_projects),
        "menu_height": menu_height,
        "legend_height": legend_height,
        "context_height": context_height,
        "pane_widths": list(pane_widths),
        "window_size": list(window_size),
        "maximized": None
        if maximized is None
        else {"screen": maximized.screen, "available": list(maximized.available)},
        "desktop_font": desktop_font,
    }
    _write(window_record_path(), window)
    identity = _identity(project)
    if identity is None or len(text) > MAX_TEXT_CHARS or (place is None and not _log_is_empty(project)):
        return False
    record: dict[str, Any] = {
        **window,
        "project": str(project.resolve()),
        # No identity, no preview: changes not yet in the file (another window has it open).
        "identity": identity if _log_is_empty(project) else None,
        "article_id": article_id,
        "title": title,
        "text": text,
    }
    if place is not None:
        record["place"] = {
            "version": PLACE_VERSION,
            "caret": place.caret,
            "selection": None if place.selection is None else list(place.selection),
            "top": place.top,
        }
    return _write(record_path(), record)


def _write(path: Path, record: dict[str, Any]) -> bool:
    """Write `record` as JSON to `path` atomically; whether it was written."""
    import tempfile  # 3-5 ms (random, hashlib), for the close only

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-", suffix=".json")
        try:
            from annotator.services.json_text import json_text  # at a close, not before a first paint

            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(json_text(record))  # a project's name may hold bytes that are not UTF-8
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
    except OSError:
        return False
    return True


def _record_of(project: Path) -> dict[str, Any] | None:
    """The last close's record if it is of `project`: a record names one project, the last closed."""
    record = _read_record()
    if record is None:
        return None
    try:
        if str(project.resolve()) != record["project"]:
            return None
    except (OSError, ValueError, RuntimeError):
        return None
    return record


def reopened(project: Path) -> Reopened | None:
    """The record of `project` if the window closed it cleanly last and nothing changed since."""
    record = _record_of(project)
    if record is None:
        return None
    if (
        record["identity"] is None  # recorded for its place only
        or _identity(project) != record["identity"]
        or not _log_is_empty(project)
        or _identity(settings_file()) != record["settings"]
    ):
        return None
    return _window(record).page(
        Path(record["project"]), record["article_id"], record["title"], record["text"], _place(record)
    )


def left_at(project: Path) -> LeftAt | None:
    """Where the window was in `project` when it last closed it cleanly, if the record has a place.

    Unlike `reopened`, this holds after the file changed: the caller checks that the article
    still exists with the recorded text before it shows the place (`store.first_page` for the
    first paint, `MainWindow.open_project` for the window), and otherwise applies the usual rule.
    """
    record = _record_of(project)
    if record is None:
        return None
    place = _place(record)
    return None if place is None else LeftAt(record["article_id"], record["text"], place)


def closed_last(project: Path) -> bool:
    """Whether the last clean close's record is of `project`: a start then goes by it alone, place
    or none (`left_at`), as its first paint does, never by the place kept beside it."""
    return _record_of(project) is not None


def _place(record: dict[str, Any]) -> Place | None:
    """The place of a record `_well_formed` accepted: None if absent (an older record) or of
    another version (a newer program's, which this one does not know how to read)."""
    value = record.get("place")
    if not isinstance(value, dict) or value.get("version") != PLACE_VERSION:
        return None
    selection = value["selection"]
    return Place(value["caret"], None if selection is None else (selection[0], selection[1]), value["top"])


def reopening(args: Sequence[str]) -> Reopened | None:
    """The record to show first for a window start with these command-line arguments, if any.

    Only plain starts qualify: `annotator`, `annotator PROJECT`, `annotator --sample` (and the
    same after `open`); with no project named, the most recent one if it is still a file
    (`last_project`). Any other option is for the checked start to handle.
    """
    target = _target(args, _read_record)
    return reopened(target) if target is not None else None


def first_opening(args: Sequence[str]) -> tuple[Path, WindowAtClose] | None:
    """The project a window start with these arguments opens, and the window's part of the last
    clean close, when the settings file is still as it was then; None for any other start.

    Only the starts `reopening` takes qualify, picking the project as it does.
    """
    record = _read_record(window_record_path(), project=False)
    target = _target(args, lambda: record)
    if target is None or record is None or _identity(settings_file()) != record["settings"]:
        return None
    return target, _window(record)


def _window(record: dict[str, Any]) -> WindowAtClose:
    """The window's part of a record that `_well_formed` accepted."""
    return WindowAtClose(
        record["annotator"],
        record["theme"],
        record["font_size"],
        record["menu_height"],
        record["legend_height"],
        record["context_height"],
        (record["pane_widths"][0], record["pane_widths"][1], record["pane_widths"][2]),
        (record["window_size"][0], record["window_size"][1]),
        tuple(record["recent_projects"]),
        _maximized(record.get("maximized")),
        record.get("desktop_font", ""),
    )


def _maximized(value: dict[str, Any] | None) -> Maximized | None:
    """The `maximized` field of a record that `_well_formed` accepted (absent in older records)."""
    if value is None:
        return None
    x, y, width, height = value["available"]
    return Maximized(value["screen"], (x, y, width, height))


def _target(args: Sequence[str], read_record: Callable[[], dict[str, Any] | None]) -> Path | None:
    """The project a plain window start opens (`annotator [open] [PROJECT | --sample]`), or None.

    With no project named, the most recent one if it is still a file (`last_project`), from the
    record's recent projects (only while the settings file is as at the close).
    """
    from annotator.services.paths import sample_project_file

    rest = list(args[1:] if args[:1] == ["open"] else args)
    if rest == ["--sample"]:
        return sample_project_file()
    if len(rest) == 1 and not rest[0].startswith("-"):
        return Path(rest[0])
    if rest:
        return None
    record = read_record()
    if record is None or _identity(settings_file()) != record["settings"]:
        return None  # the recent projects are the settings file's, as it was at the close
    return last_project(record["recent_projects"])


def last_project(recent: Sequence[str]) -> Path | None:
    """The project a start with none named reopens: the most recent one, if its file is still
    there, and never an older one in its place.

    An older one opened silently when the most recent was deleted or moved: its articles in
    place of those a person had worked on last read as lost work, or were labelled as the other
    project's. The checked start says where the last one was instead (`ui.app.start_checked`).
    """
    return Path(recent[0]) if recent and Path(recent[0]).is_file() else None


def _read_record(path: Path | None = None, *, project: bool = True) -> dict[str, Any] | None:
    """A record (the project's, or with `project` False the window's), read within limits and
    checked field by field; None if absent or not as written."""
    path = record_path() if path is None else path
    try:
        # Opened without waiting: a FIFO put where the record goes hung every start before
        # any window appeared (`open()` waits for a writer); anything not a file is no record.
        with os.fdopen(open_regular(path, os.O_RDONLY), "rb") as handle:
            raw = handle.read(_MAX_RECORD_BYTES + 1)
        if len(raw) > _MAX_RECORD_BYTES:
            return None
        record = json.loads(raw.decode("utf-8"))
    except (OSError, ValueError, RecursionError):
        return None
    return record if _well_formed(record, project=project) else None


def _well_formed(record: object, *, project: bool = True) -> bool:
    """Every field as `record_close` writes it; the project's fields too unless `project` is False."""
    if not isinstance(record, dict) or record.get("version") != RECORD_VERSION:
        return False
    strings = {"annotator": _MAX_NAME_CHARS, "theme": 16}
    numbers = {"font_size": (6, 48)}
    numbers |= {key: (0, 10_000) for key in ("menu_height", "legend_height", "context_height")}
    if project:
        strings |= {"project": _MAX_NAME_CHARS, "title": MAX_TEXT_CHARS, "text": MAX_TEXT_CHARS}
        numbers |= {"article_id": (1, 2**63 - 1)}
    for key, limit in strings.items():
        value = record.get(key)
        if not isinstance(value, str) or len(value) > limit or "\x00" in value:
            return False
    font = record.get("desktop_font", "")  # absent in records written before it
    if not isinstance(font, str) or len(font) > _MAX_FONT_CHARS or "\x00" in font:
        return False
    for key, (low, high) in numbers.items():
        value = record.get(key)
        if type(value) is not int or not low <= value <= high:
            return False
    recent = record.get("recent_projects")
    return (
        _sizes(record.get("pane_widths"), 3)
        and _sizes(record.get("window_size"), 2)
        and (not project or record.get("identity") is None or _is_identity(record.get("identity")))
        and (record.get("settings") is None or _is_identity(record.get("settings")))
        and isinstance(recent, list)
        and len(recent) <= 100
        and all(isinstance(p, str) and 0 < len(p) <= _MAX_NAME_CHARS and "\x00" not in p for p in recent)
        and record["theme"] in _THEMES
        and bool(record["annotator"])
        and (not project or os.path.isabs(record["project"]))
        and _is_maximized(record.get("maximized"))
        and (not project or _is_place(record.get("place"), len(record["text"])))
    )


def _is_place(value: object, length: int) -> bool:
    """None or absent (records written before places were kept), a place of another version
    (ignored, `_place`), or this version's: a caret, a selection and a top line within the
    recorded text. Anything else is a damaged record, as any other broken field is."""
    if value is None:
        return True
    if not isinstance(value, dict):
        return False
    if value.get("version") != PLACE_VERSION:
        return type(value.get("version")) is int
    if set(value) != {"version", "caret", "selection", "top"}:
        return False
    caret, selection, top = value["caret"], value["selection"], value["top"]
    return (
        type(caret) is int
        and 0 <= caret <= length
        and type(top) is int
        and 0 <= top <= length
        and (
            selection is None
            or (
                isinstance(selection, list)
                and len(selection) == 2
                and all(type(v) is int for v in selection)
                and 0 <= selection[0] < selection[1] <= length
            )
        )
    )


def _is_maximized(value: object) -> bool:
    """None (a window not maximized at close; absent in records written before the field), or
    the screen's name and its available geometry: x and y within the limit either way, a size
    that is not empty."""
    if value is None:
        return True
    if not isinstance(value, dict) or set(value) != {"screen", "available"}:
        return False
    screen, area = value["screen"], value["available"]
    return (
        isinstance(screen, str)
        and len(screen) <= _MAX_SCREEN_NAME_CHARS
        and "\x00" not in screen
        and isinstance(area, list)
        and len(area) == 4
        and all(type(v) is int for v in area)
        and all(-_MAX_COORDINATE <= v <= _MAX_COORDINATE for v in area[:2])
        and all(0 < v <= _MAX_COORDINATE for v in area[2:])
    )


def _is_identity(value: object) -> bool:
    return isinstance(value, list) and len(value) == 5 and all(type(v) is int and v >= 0 for v in value)


def _sizes(value: object, count: int) -> bool:
    return (
        isinstance(value, list)
        and len(value) == count
        and all(type(v) is int and 0 <= v <= 100_000 for v in value)
    )


def places_path() -> Path:
    return config_dir() / PLACES_NAME


def keep_place(project: Path, kept: KeptPlace | None) -> bool:
    """Keep where the person was in `project`, which the window is closing (a switch or a close);
    None (no article shown) forgets its place, which no longer says where they left off.

    The project goes first and the oldest beyond `MAX_PLACES` is dropped, as in Open Recent.
    Written atomically, like the close record; returns whether it was written.
    """
    try:
        name = str(project.resolve())
    except (OSError, RuntimeError, ValueError):
        return False
    entries = (
        []
        if kept is None
        else [
            {
                "project": name,
                "article_id": kept.article_id,
                "content_hash": kept.content_hash,
                "place": _place_json(kept.place),
            }
        ]
    )
    if not all(_is_kept(e) for e in entries):
        return False
    others = [e for e in _read_places() if e["project"] != name]
    return _write(places_path(), {"version": PLACES_VERSION, "places": [*entries, *others][:MAX_PLACES]})


def kept_place(project: Path) -> KeptPlace | None:
    """Where the window was in `project` when it last closed it, if it is among those kept."""
    try:
        name = str(project.resolve())
    except (OSError, RuntimeError, ValueError):
        return None
    for entry in _read_places():
        if entry["project"] == name:
            place = _place(entry)
            return None if place is None else KeptPlace(entry["article_id"], entry["content_hash"], place)
    return None


def place_fits(place: Place, length: int) -> bool:
    """Whether a kept place lies within a text of `length` code points (its hash matched)."""
    return _is_place(_place_json(place), length)


def _place_json(place: Place) -> dict[str, Any]:
    return {
        "version": PLACE_VERSION,
        "caret": place.caret,
        "selection": None if place.selection is None else list(place.selection),
        "top": place.top,
    }


def _read_places() -> list[dict[str, Any]]:
    """The kept places, read within limits; a damaged file or entry is left out, and logged."""
    path = places_path()
    try:
        with os.fdopen(open_regular(path, os.O_RDONLY), "rb") as handle:
            raw = handle.read(_MAX_PLACES_BYTES + 1)
    except FileNotFoundError:
        return []
    except OSError as exc:
        log.warning("the kept places in %s cannot be read (%s): ignored", path, exc)
        return []
    if len(raw) > _MAX_PLACES_BYTES:
        log.warning("the kept places in %s are over %d bytes: ignored", path, _MAX_PLACES_BYTES)
        return []
    try:
        record = json.loads(raw.decode("utf-8"))
    except (ValueError, RecursionError):
        record = None
    if not isinstance(record, dict) or record.get("version") != PLACES_VERSION:
        log.warning("the kept places in %s are damaged or of another version: ignored", path)
        return []
    entries = record.get("places")
    if not isinstance(entries, list):
        log.warning("the kept places in %s are damaged: ignored", path)
        return []
    kept = [e for e in entries[:MAX_PLACES] if _is_kept(e)]
    if len(kept) < min(len(entries), MAX_PLACES):
        log.warning("%d damaged kept places in %s: ignored", min(len(entries), MAX_PLACES) - len(kept), path)
    return kept


def _is_kept(entry: object) -> bool:
    """An entry as `keep_place` writes it: the place is checked against the longest text a project
    holds; against the article's own length when it is used (`place_fits`)."""
    if not isinstance(entry, dict) or set(entry) != {"project", "article_id", "content_hash", "place"}:
        return False
    name, article_id, digest = entry["project"], entry["article_id"], entry["content_hash"]
    return (
        isinstance(name, str)
        and 0 < len(name) <= _MAX_NAME_CHARS
        and "\x00" not in name
        and os.path.isabs(name)
        and type(article_id) is int
        and 1 <= article_id <= 2**63 - 1
        and isinstance(digest, str)
        and len(digest) == _MAX_HASH_CHARS
        and all(c in "0123456789abcdef" for c in digest)
        and isinstance(entry["place"], dict)
        and _is_place(entry["place"], 2**31)
    )
