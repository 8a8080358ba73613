"""The one module that knows where files live.

User data, settings and logs go to the platform's per-user folders (platformdirs),
never next to the program, so an installed bundle stays read-only. Setting
`ANNOTATOR_HOME` puts all three under one folder: tests and portable installs use it.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

from annotator.core.bidi import isolated
from annotator.core.errors import UserError

APP_NAME = "annotator"


NAME_MAX = 255
"""The longest file name most file systems take, in bytes (ext4, APFS, exFAT; NTFS counts 255
UTF-16 units, never more than the UTF-8 bytes of the same name)."""


PROJECT_NAME_MAX = NAME_MAX - len("-journal")
"""The longest name a project file can have: SQLite opens files named after it ("-journal")."""


def fitting_name(stem: str, ending: str = "", *, room: int = NAME_MAX) -> str:
    """`stem + ending`, `stem` cut short, at a whole letter, so the name takes at most `room` bytes.

    Names the app makes from a person's (a copy's, an export's, a temporary file's) add to it:
    a name of 200 letters written in two or three bytes each was refused as "File name too long".
    """
    budget = room - len(os.fsencode(ending))
    while stem and len(os.fsencode(stem)) > budget:
        stem = stem[:-1]
    return stem + ending


PATH_MAX = 4096
"""The longest path Linux takes, in bytes, with the NUL that ends it."""

_JOURNAL = "-journal"
PROJECT_ENDINGS = (".annotator.db", ".db", ".sqlite")
"""The endings a project file's name has (the longest first: `.annotator.db` ends in `.db`)."""


def project_stem(path: Path) -> str:
    """A project's name without its ending (`PROJECT_ENDINGS`, or any other last suffix): what
    a release's card and the files exported from it are named after.

    Not the name up to its first dot: the app saves projects as "team (saved 2024-05-06
    10.30).annotator.db", whose release was named "team (saved 2024-05-06 10".
    """
    name = path.name
    ending = next((e for e in PROJECT_ENDINGS if name.lower().endswith(e)), Path(name).suffix)
    return name[: len(name) - len(ending)] if len(name) > len(ending) else name


def check_project_path(path: Path, *, new: bool = True) -> None:
    """Refuse, before anything is written, a project path SQLite could not open, saying what to shorten.

    SQLite keeps files named after the project beside it: a new project's `-journal`, an
    existing one's `-wal`. A new name of 248-255 bytes was made but could not be opened
    ("unable to open database file; check the disk", or "read-only disk"), a longer one or a
    path past `PATH_MAX` failed with errno text or "Something went wrong". An existing
    project opens with a name up to 251 bytes, so only past that is it refused. The excess is
    counted in letters, which a person shortens, not in bytes.
    """
    companion = _JOURNAL if new else "-wal"
    room = NAME_MAX - len(companion)
    name = path.name
    if len(os.fsencode(name)) > room:
        ending = next((e for e in PROJECT_ENDINGS if name.lower().endswith(e)), Path(name).suffix)
        stem = name[: len(name) - len(ending)]
        over = len(name) - len(fitting_name(stem, ending, room=room))
        raise UserError(
            f"{_shown(name)}: the name is too long by {over} characters; shorten it "
            f"(a project's name may take {room} bytes; most letters outside A-Z take two or more)"
        )
    whole = len(os.fsencode(os.path.abspath(path))) + len(companion)
    if whole >= PATH_MAX:
        raise UserError(
            f"{_shown(str(path.parent))}: the folder's path is too long, by {whole - PATH_MAX + 1} bytes, "
            "for a project file; choose a folder that is not nested so deep, or shorten its names"
        )


def missing_folder(path: Path) -> Path | None:
    """The outermost folder of `path` that is not there, if one is not.

    `annotator nodir/x.annotator.db`, or File ▸ New Project… with "Documnets/claims" typed, made
    `nodir` and a new project in it: a slip in a folder's name left a project where no one would
    look for it. A new project is made only in a folder that is there; the outermost missing one
    is named, since that is where the slip is.
    """
    missing = None
    for folder in path.parents:
        if folder == Path(".") or os.path.lexists(folder):
            break
        missing = folder
    return missing


def _shown(text: str, keep: int = 40) -> str:
    """`text` with its middle left out past `2 * keep` letters: a name of 250 letters, or a path
    of 4,000, filled a message box and hid what it says."""
    return text if len(text) <= 2 * keep else f"{text[:keep]}…{text[-keep:]}"


# C0 controls and DEL as Unicode's pictures of them (U+2400-U+2421); the other characters that
# break a line (NEL, LINE and PARAGRAPH SEPARATOR) as the picture of a newline.
_CONTROL_PICTURES = {code: 0x2400 + code for code in range(0x20)} | {
    0x7F: 0x2421,
    0x85: 0x2424,
    0x2028: 0x2424,
    0x2029: 0x2424,
}


def name_on_one_line(name: str) -> str:
    """A file's `name` (or path) for a title, a menu or a status line: its control characters
    and line breaks as visible symbols (a line break as ␊, a tab as ␉).

    A file name may hold any of them: "week\\n1.annotator.db" put a line break in the window's
    title, drawn as two lines, cut, or as nothing, so that it could not be told from "week1".
    Isolated (`core.bidi.isolated`): an override in the name ("\\u202eevil.annotator.db")
    turned the rest of the window's title round, "(retset) rotatonnA — bd.rotatonna.live".
    """
    return isolated(name.translate(_CONTROL_PICTURES))


def _home_override() -> Path | None:
    value = os.environ.get("ANNOTATOR_HOME")
    return Path(value) if value else None


def config_dir() -> Path:
    home = _home_override()
    return home / "config" if home else Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def data_dir() -> Path:
    home = _home_override()
    return home / "data" if home else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def log_dir() -> Path:
    home = _home_override()
    return home / "logs" if home else Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def documents_dir() -> Path:
    """The person's documents folder (XDG's, often ~/Documents), or home when it has none.

    Not under `ANNOTATOR_HOME`: a portable install still saves where its user keeps files.
    """
    documents = Path(platformdirs.user_documents_dir())
    return documents if documents.is_dir() else Path.home()


def settings_file() -> Path:
    return config_dir() / "settings.json"


def window_file() -> Path:
    """Where Qt keeps the window's place, its panes' widths and its panels (`ui.geometry`)."""
    return config_dir() / "window.ini"


def log_file() -> Path:
    return log_dir() / "annotator.log"


def sample_project_file() -> Path:
    return data_dir() / "sample-project.annotator.db"


def resources_dir() -> Path:
    """Shipped resources: inside the package when installed, the repo's folder in development."""
    frozen_root = getattr(sys, "_MEIPASS", None)  # a PyInstaller bundle unpacks data here
    if frozen_root:
        return Path(frozen_root) / "resources"
    bundled = Path(__file__).resolve().parent.parent / "resources"
    if bundled.is_dir():
        return bundled
    return Path(__file__).resolve().parents[2] / "resources"
