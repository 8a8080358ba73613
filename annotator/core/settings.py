"""User settings as a typed, versioned dataclass.

Stored as JSON in the platformdirs config dir (see `annotator.services.paths`);
unknown keys are ignored and missing keys take their defaults, so an older or
newer settings file never stops the app from starting.
"""

from __future__ import annotations

import dataclasses
import enum
import os.path
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, get_args

from annotator.core.model import GOLD_ANNOTATOR
from annotator.core.validate import storable_problem

if TYPE_CHECKING:
    from annotator.core.agreement import MatchMode

# 2: `eval_files`, the evaluation file remembered per project.
# 3: `folders`, the folder last chosen per kind of file dialog (`last_export_dir` became "export").
# 4: `gone_project`, the last project a start did not find, named at each start until one opens.
# 5: `quiet_gone_projects`, the projects a start no longer names when it does not find them.
# 6: `told_shared_projects`, the projects in a synced folder whose risks the window has said.
SETTINGS_VERSION = 6
EVAL_FILES_KEEP = 20  # projects whose evaluation file is remembered, most recent first
RECENT_KEEP = 10  # projects in Open Recent, most recent first
QUIET_GONE_KEEP = 20  # projects a start does not name when gone, most recently chosen first
TOLD_SHARED_KEEP = 50  # projects in a synced folder or on a share whose risks were said, newest first
_MAX_PATH_CHARS = 4096
# The kinds of file a dialog asks for; each starts where the person last chose one of its kind.
# `core.agreement.MATCH_MODES`, spelled here: agreement loads when a review or a dashboard
# first opens, not before the window's first paint (tests/ui/test_startup_imports.py).
SPAN_MATCHES: tuple[str, ...] = ("exact", "relaxed")
FolderPurpose = Literal["project", "import", "export", "merge", "report"]
FOLDER_PURPOSES: tuple[FolderPurpose, ...] = get_args(FolderPurpose)
_READ_ONLY = frozenset({"version", "last_export_dir"})
"""Keys read from the file and never written back: the version is this one's, the export folder
became `folders` (version 3)."""
THEMES: tuple[str, ...] = ("system", "light", "dark")
FONT_SIZES = range(6, 49)
"""Point sizes the reading view shows: smaller is unreadable, larger leaves a few words a line."""
SUGGESTION_THRESHOLDS = range(0, 100)
"""Percent; 100 would hide every suggestion, which is what closing the panel is for."""
MEGABYTE = 1024 * 1024
IMPORT_MEGABYTES = range(1, 513)
"""The largest file an import in the window reads, in MB (Preferences): it is read whole, and
its articles held, before one transaction saves them; past 512 MB a laptop runs out of memory."""
MAX_NAME_CHARS = 100
"""Characters of a person's name (code points, once trimmed): a name with initials and a team
tag takes a few dozen. The store's limit for any text (100,000) let a pasted page be a name,
saved with every claim and shown in the title, the lists and the reports."""


@dataclass(frozen=True)
class Settings:
    annotator: str = ""
    font_size: int = 13
    recent_projects: tuple[str, ...] = ()
    hidden_entity_labels: tuple[str, ...] = ()
    theme: str = "system"
    # (kind of file dialog, absolute folder last chosen in it), one per kind in FOLDER_PURPOSES.
    folders: tuple[tuple[str, str], ...] = ()
    export_format: str = ""  # the format last chosen in the Export dialog, proposed next time
    # Whose labels the Export dialog wrote last ("all", "annotator" or "gold"; "" before any
    # choice), and the annotator when "annotator": a team lead exporting the settled gold file
    # every week should not pick it again each time.
    export_labels: str = ""
    export_annotator: str = ""
    candidate_order: str = "text"
    suggestion_threshold: int = 60  # percent; suggestions less sure than this are not shown
    # The largest file an import in the window reads (Preferences, `IMPORT_MEGABYTES`); the
    # command line has --max-mb. It was kept here and read nowhere: a 24 MB corpus was refused
    # with "split it into smaller files" and nothing let the window take it.
    max_import_bytes: int = 20 * MEGABYTE
    # (project's resolved path, evaluation file's absolute path), most recently chosen first.
    eval_files: tuple[tuple[str, str], ...] = ()
    # The last project a start did not find ("" for none). Each start names it, and opens no
    # other, until a project is opened or created: said at one start only, it was taken off
    # Open Recent, and the next start opened an older project or the plain first page without
    # a word of it.
    gone_project: str = ""
    # Projects whose absence a start leaves unsaid ("Don't tell me again for this file"), most
    # recently chosen first: one kept on a drive that is often not connected was named at every
    # start without it.
    quiet_gone_projects: tuple[str, ...] = ()
    # How the review and the dashboard match spans between annotators ("exact" or "relaxed"):
    # a lead who settles a team's files with relaxed spans had to choose it again at every
    # review and every dashboard, and one left at "exact" by mistake showed other figures.
    span_match: str = "exact"
    # Projects in a synced folder or on a network share whose risks the window has said in a
    # message box, most recent first: a team that always works from its Dropbox was stopped by
    # the same box at every opening. Later openings say it in the status bar only.
    told_shared_projects: tuple[str, ...] = ()
    # What the file holds that this version does not know (a newer version's settings), written
    # back as it was: the first save of an older version, which a person went back to for a
    # while, dropped them, and the newer version had lost them.
    extra: dict[str, Any] = field(default_factory=dict)

    def to_json_dict(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        kept = data.pop("extra")
        return {**kept, **data, "version": SETTINGS_VERSION}

    @classmethod
    def from_json_dict(cls, data: dict[str, Any]) -> Settings:
        known = {f.name: f for f in dataclasses.fields(cls)}
        values: dict[str, Any] = {}
        unknown: dict[str, Any] = {}
        defaults = cls()
        for name, value in data.items():
            if name == "last_export_dir" and _plain_absolute(value):  # version 2's only folder
                values.setdefault("folders", (("export", value),))
            if name not in known:
                if name not in _READ_ONLY and _shallow(value):
                    unknown[name] = value
                continue
            if name == "extra":
                continue  # written as {} before what it holds was kept at the top of the file
            if name == "eval_files":
                values[name] = _path_pairs(value)
                continue
            if name == "folders":
                values[name] = _folder_pairs(value)
                continue
            if name == "recent_projects":
                values[name] = _recent_paths(value)
                continue
            if name == "quiet_gone_projects":
                values[name] = _recent_paths(value, keep=QUIET_GONE_KEEP)
                continue
            if name == "told_shared_projects":
                values[name] = _recent_paths(value, keep=TOLD_SHARED_KEEP)
                continue
            if name == "hidden_entity_labels":
                values[name] = _type_names(value)
                continue
            if name == "gone_project":
                if _plain_absolute(value):
                    values[name] = value
                continue
            if name == "annotator" and isinstance(value, str):
                # Trimmed as the dialogs save it (a hand-edited " Ada\n" is Ada), but in the form
                # it was saved in: a name saved before names were composed (NFC) owns the claims
                # made under it, which the person would see as another's if it changed here.
                value = value.strip()
            default = getattr(defaults, name)
            if isinstance(default, tuple) and isinstance(value, list):
                value = tuple(str(v) for v in value)
            if type(value) is not type(default) or not _allowed(name, value):
                continue  # a hand-edited or corrupted value: keep the default
            values[name] = value
        return cls(**values, extra=unknown)

    def with_recent(self, path: str, *, keep: int = RECENT_KEEP) -> Settings:
        """`path` first in Open Recent, and no other name of its file (a hard link) after it."""
        if _names_of_one_file(path) > 1:
            others = (p for p in self.recent_projects if not _same_file(p, path))
        else:
            # One name: no other entry can be it, and none is looked at on the disk, where a
            # project on a network drive that went away could hold the opening for a minute.
            others = (p for p in self.recent_projects if p != path)
        recent = (path, *others)[:keep]
        return dataclasses.replace(self, recent_projects=recent)

    def with_opened(self, path: str) -> Settings:
        """`path` first in Open Recent, and no project named as gone: a start names the one it
        found gone (`gone_project`) until a project opens."""
        return dataclasses.replace(self.with_recent(path), gone_project="")

    def without_recent(self, path: str) -> Settings:
        """Open Recent without `path`, however it is spelled there ("/a//b" is "/a/b")."""
        gone = os.path.normpath(path)
        recent = tuple(p for p in self.recent_projects if os.path.normpath(p) != gone)
        return dataclasses.replace(self, recent_projects=recent)

    def is_quiet_when_gone(self, path: str) -> bool:
        """Whether a start that does not find `path` leaves it unsaid (`quiet_gone_projects`)."""
        return os.path.normpath(path) in {os.path.normpath(p) for p in self.quiet_gone_projects}

    def with_quiet_when_gone(self, path: str, quiet: bool) -> Settings:
        """`path` left unsaid when gone, or named again (`quiet` False); other paths as they were."""
        asked = os.path.normpath(path)
        rest = tuple(p for p in self.quiet_gone_projects if os.path.normpath(p) != asked)
        kept = ((path, *rest) if quiet else rest)[:QUIET_GONE_KEEP]
        return dataclasses.replace(self, quiet_gone_projects=kept)

    def was_told_shared(self, path: str) -> bool:
        """Whether the window has said what `path`, in a synced folder or on a share, risks."""
        return os.path.normpath(path) in {os.path.normpath(p) for p in self.told_shared_projects}

    def with_told_shared(self, path: str) -> Settings:
        """`path` first among the projects whose sharing risks were said (`told_shared_projects`)."""
        asked = os.path.normpath(path)
        rest = tuple(p for p in self.told_shared_projects if os.path.normpath(p) != asked)
        return dataclasses.replace(self, told_shared_projects=(path, *rest)[:TOLD_SHARED_KEEP])

    def match_mode(self) -> MatchMode:
        """`span_match` as the review and the dashboard take it (read checked, so never other)."""
        return "relaxed" if self.span_match == "relaxed" else "exact"

    def folder_for(self, purpose: FolderPurpose) -> str:
        """The folder last chosen in a file dialog of this kind, or "" if none yet."""
        return next((folder for kind, folder in self.folders if kind == purpose), "")

    def with_folder(self, purpose: FolderPurpose, folder: str) -> Settings:
        """Remember `folder` (absolute) as where dialogs of this kind start next time."""
        if purpose not in FOLDER_PURPOSES or not _plain_absolute(folder):
            return self
        rest = tuple(pair for pair in self.folders if pair[0] != purpose)
        return dataclasses.replace(self, folders=((purpose, folder), *rest))

    def eval_file_for(self, project: str) -> str:
        """The evaluation file last chosen for `project` (its resolved path), or "" for none."""
        return next((file for key, file in self.eval_files if key == project), "")

    def with_eval_file(self, project: str, file: str, *, keep: int = EVAL_FILES_KEEP) -> Settings:
        """Remember `file` for `project` (first in the bounded map); "" forgets the project's file."""
        rest = tuple(pair for pair in self.eval_files if pair[0] != project)
        pairs = ((project, file), *rest) if file else rest
        return dataclasses.replace(self, eval_files=pairs[:keep])

    def changes_onto(self, before: Settings, saved: Settings) -> Settings:
        """`saved` (what the settings file holds now) with what changed from `before` to these.

        Another start of the app writes the same file: a window that wrote all it held put
        back what the other had just changed (a text size, a name, a theme, its recent
        projects), and the next start had lost it. A value changed here replaces the file's;
        the lists keep the file's entries, less those taken off here, after those put first here.
        """
        values: dict[str, Any] = {}
        for field_ in dataclasses.fields(self):
            name = field_.name
            mine, was, theirs = getattr(self, name), getattr(before, name), getattr(saved, name)
            if mine == was:
                values[name] = theirs
            elif name in _LISTS:
                key, keep = _LISTS[name]
                values[name] = _merged_list(mine, was, theirs, key=key, keep=keep)
            elif name == "hidden_entity_labels":
                values[name] = tuple(sorted((set(theirs) | (set(mine) - set(was))) - (set(was) - set(mine))))
            else:
                values[name] = mine
        return Settings(**values)


class NameProblem(enum.Enum):
    """Why a name is refused; the window says each in its own words (`ui.dialogs.name_problem_text`)."""

    EMPTY = "empty"
    """Nothing a person could read: blank, or spaces and invisible characters only."""
    CONTROL = "control"
    """A line break, a tab inside it, or another control character: pasted, never typed."""
    RESERVED = "reserved"
    """`gold` in any capitals or width: the reviewers' name."""
    UNSTORABLE = "unstorable"
    """What the store refuses (`core.validate.storable_problem`): a NUL, an unpaired surrogate, too long."""
    TOO_LONG = "too long"
    """Longer than `MAX_NAME_CHARS`: a paste of something else, not a name."""


@dataclass(frozen=True)
class NameRefusal:
    problem: NameProblem
    detail: str = ""
    """The store's reason, for `UNSTORABLE` ("contains a NUL character")."""


_VISIBLE_CATEGORIES = frozenset("LNPS")  # letters, numbers, punctuation, symbols
_CONTROL_CATEGORIES = frozenset({"Cc", "Zl", "Zp"})  # controls, line and paragraph separators


def annotator_name(typed: str) -> str:
    """The name as saved from what was typed: without the spaces or line break around it,
    which a paste brings and nobody means, and in one Unicode form (NFC).

    "Zoë" typed as one character on one laptop and as "e" and a combining diaeresis on another
    (macOS input, a pasted name) were two annotators: after a merge the review showed two
    "Zoë" rows and agreement measured "Zoë vs Zoë".
    """
    return unicodedata.normalize("NFC", typed.strip())


def annotator_name_problem(typed: str) -> NameRefusal | None:
    """Why claims may not be saved under the name `typed` gives (`annotator_name`), or None.

    The one rule of every place that takes a person's name (Preferences, Change Annotator
    Name, the first start's question, the settings file): each had its own, and the name
    dialogs took "Gold", a name pasted with a line break and names the store refuses, which
    then failed every label or read as blank in the title and the lists. "Gold" in other
    capitals or widths is refused because in a list of annotators it reads as the reviewers'
    decisions, which it is not. A name over `MAX_NAME_CHARS` is refused: a line edit took a
    32,767-character paste as a name.
    """
    name = annotator_name(typed)
    if not any(unicodedata.category(char)[0] in _VISIBLE_CATEGORIES for char in name):
        if name and any(unicodedata.category(char) in _CONTROL_CATEGORIES for char in name):
            return NameRefusal(NameProblem.CONTROL)
        return NameRefusal(NameProblem.EMPTY)
    stored = storable_problem(name)
    if stored is not None:
        return NameRefusal(NameProblem.UNSTORABLE, stored)
    if any(unicodedata.category(char) in _CONTROL_CATEGORIES for char in name):
        return NameRefusal(NameProblem.CONTROL)
    if len(name) > MAX_NAME_CHARS:
        return NameRefusal(NameProblem.TOO_LONG)
    if unicodedata.normalize("NFKC", name).casefold().strip() == GOLD_ANNOTATOR:
        return NameRefusal(NameProblem.RESERVED)
    return None


def usable_annotator(name: str) -> bool:
    """Whether claims can be saved under `name` ("" is no name yet: the app asks for one).

    A settings file holding a name `annotator_name_problem` refuses made every label fail, or
    count as a reviewer's decision.
    """
    return name == "" or annotator_name_problem(name) is None


TOLD_WHEN_REFUSED: tuple[str, ...] = (
    "annotator",
    "theme",
    "font_size",
    "suggestion_threshold",
    "max_import_bytes",
)
"""The settings Preferences shows, whose value in the file, left out, the window names
(`refused_settings`) and Preferences sets again."""


def refused_settings(data: dict[str, Any]) -> tuple[str, ...]:
    """The settings of `TOLD_WHEN_REFUSED` that `data` (a settings file's object) holds a value of
    which `Settings.from_json_dict` leaves out, in that order: each then has its default.

    A text size of 60 or a theme of "Dark", hand-edited, came back as 13 and System without a
    word, and the next save wrote the defaults over them.
    """
    taken = Settings.from_json_dict(data)
    refused = []
    for name in TOLD_WHEN_REFUSED:
        if name not in data:
            continue
        wanted = data[name]
        if name == "annotator" and isinstance(wanted, str):
            wanted = wanted.strip()  # as `from_json_dict` trims it: " Ada\n" is Ada, taken
        if wanted != getattr(taken, name):  # 13.0 for 13 is left out, but shows as written
            refused.append(name)
    return tuple(refused)


def _allowed(name: str, value: Any) -> bool:
    """Whether a value of the right type is one the window can show (see each range).

    A text size of 500 or a threshold of -3 read from the file was taken as it stood: the
    menus, the panel and Preferences each clamped it their own way, to different values.
    """
    if name == "font_size":
        return value in FONT_SIZES
    if name == "suggestion_threshold":
        return value in SUGGESTION_THRESHOLDS
    if name == "theme":
        return value in THEMES
    if name == "max_import_bytes":
        return bool(IMPORT_MEGABYTES[0] * MEGABYTE <= value <= IMPORT_MEGABYTES[-1] * MEGABYTE)
    if name == "span_match":
        return value in SPAN_MATCHES
    if name == "annotator":
        return usable_annotator(value)
    return True


def _path_pairs(value: object) -> tuple[tuple[str, str], ...]:
    """Read `eval_files` from JSON, keeping only well-formed pairs of absolute paths.

    The settings file may be hand-edited or corrupted: a bad entry is dropped on its
    own (that project then has no file), never an error, and the map stays bounded.
    """
    if not isinstance(value, list):
        return ()
    pairs: list[tuple[str, str]] = []
    seen: set[str] = set()
    for entry in value:
        if not (isinstance(entry, list) and len(entry) == 2):
            continue
        project, file = entry
        if not (_plain_absolute(project) and _plain_absolute(file)) or project in seen:
            continue
        seen.add(project)
        pairs.append((project, file))
        if len(pairs) == EVAL_FILES_KEEP:
            break
    return tuple(pairs)


def _names_of_one_file(path: str) -> int:
    """How many names (hard links) the file at `path` has; 1 when it cannot be told."""
    try:
        return os.stat(path).st_nlink
    except (OSError, ValueError):
        return 1


def _same_file(one: str, other: str) -> bool:
    """Whether two paths name one file: the same text, or, both there, the same inode.

    Symbolic links are resolved before a path is listed, but a project opened by two hard-link
    names was listed twice in Open Recent.
    """
    if one == other:
        return True
    try:
        return os.path.samefile(one, other)
    except (OSError, ValueError):  # one not there (a drive not connected), or a NUL in a hand-edited path
        return False


def _recent_paths(value: object, *, keep: int = RECENT_KEEP) -> tuple[str, ...]:
    """Read `recent_projects` from JSON: absolute paths, each once, at most `keep` of them.

    Every entry was turned into text, so a hand-edited or corrupted file listed "None", "3" or
    "" in Open Recent, and a list of any length was kept and shown whole.
    """
    if not isinstance(value, list):
        return ()
    paths = dict.fromkeys(entry for entry in value if _plain_absolute(entry))
    return tuple(paths)[:keep]


def _type_names(value: object) -> tuple[str, ...]:
    """Read `hidden_entity_labels` from JSON: names of types, each once, anything else dropped.

    Every entry was turned into text: a hand-edited or damaged file hid types named "None",
    "1" or "", and Preferences listed them, blanks and the same type twice among them.
    """
    if not isinstance(value, list):
        return ()
    return tuple(dict.fromkeys(entry for entry in value if isinstance(entry, str) and entry.strip()))


def _folder_pairs(value: object) -> tuple[tuple[str, str], ...]:
    """Read `folders` from JSON: one absolute folder per known kind, anything else dropped."""
    if not isinstance(value, list):
        return ()
    pairs: dict[str, str] = {}
    for entry in value:
        if isinstance(entry, list) and len(entry) == 2:
            purpose, folder = entry
            if purpose in FOLDER_PURPOSES and purpose not in pairs and _plain_absolute(folder):
                pairs[purpose] = folder
    return tuple(pairs.items())


def _plain_absolute(value: object) -> bool:
    """A string the OS can take as an absolute path (no NUL, not absurdly long)."""
    return (
        isinstance(value, str)
        and 0 < len(value) <= _MAX_PATH_CHARS
        and "\x00" not in value
        and os.path.isabs(value)
    )


def _first(pair: tuple[str, str]) -> str:
    return pair[0]


# The settings that are lists: what names an entry (a path, or the first of a pair) and how
# many entries are kept.
_LISTS: dict[str, tuple[Callable[[Any], str], int | None]] = {
    "recent_projects": (os.path.normpath, RECENT_KEEP),
    "quiet_gone_projects": (os.path.normpath, QUIET_GONE_KEEP),
    "told_shared_projects": (os.path.normpath, TOLD_SHARED_KEEP),
    "folders": (_first, None),
    "eval_files": (_first, EVAL_FILES_KEEP),
}


def _merged_list(
    mine: tuple[Any, ...],
    was: tuple[Any, ...],
    theirs: tuple[Any, ...],
    *,
    key: Callable[[Any], str],
    keep: int | None,
) -> tuple[Any, ...]:
    """`theirs` with the entries `mine` put first since `was` before them, less those `mine` took off.

    Every change of a list puts entries first (`with_recent`, `with_folder`, `with_eval_file`)
    or takes some off (`without_recent`, a list cut to its length): what follows the entries put
    first is what `was` held, in its order.
    """
    start = 0
    while not _in_order(mine[start:], was):
        start += 1
    first = mine[:start]
    taken_off = set(was) - set(mine)
    merged: dict[str, Any] = {}
    for entry in (*first, *(e for e in theirs if e not in taken_off)):
        merged.setdefault(key(entry), entry)  # one entry a path or a kind of dialog
    return tuple(merged.values())[:keep]


def _in_order(part: tuple[Any, ...], whole: tuple[Any, ...]) -> bool:
    """Whether `whole` holds every entry of `part`, in the same order."""
    rest = iter(whole)
    return all(entry in rest for entry in part)


_MAX_KEPT_DEPTH = 32
"""Nesting of a value kept unknown (`Settings.extra`): JSON a thousand deep, read, raised
RecursionError when it was written back with an indent."""


def _shallow(value: object) -> bool:
    """Whether `value` nests lists and objects at most `_MAX_KEPT_DEPTH` deep (counted without recursion)."""
    level: list[object] = [value]
    for _ in range(_MAX_KEPT_DEPTH):
        level = [
            inner
            for outer in level
            if isinstance(outer, (list, dict))
            for inner in (outer.values() if isinstance(outer, dict) else outer)
        ]
        if not level:
            return True
    return not any(isinstance(inner, (list, dict)) for inner in level)
