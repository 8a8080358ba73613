"""Load and save `core.settings.Settings` as versioned JSON in the config dir.

A broken settings file must never keep the app from starting: it is set aside
(renamed) and the defaults are used.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import tempfile
from pathlib import Path

from annotator.core.settings import (
    FolderPurpose,
    Settings,
    annotator_name,
    annotator_name_problem,
    refused_settings,
)
from annotator.core.text import byte_size
from annotator.services.json_text import json_text
from annotator.services.paths import data_dir, documents_dir, settings_file
from annotator.services.regular_files import open_regular

log = logging.getLogger(__name__)

MAX_SETTINGS_BYTES = 1_000_000
"""Far more than the app writes (a few kilobytes); a larger file is not settings."""

_set_aside: list[Path] = []
"""Broken settings files this process moved aside, until the window has said so."""


_refused: dict[Path, tuple[str, ...]] = {}
"""Settings whose values in a settings file a load left out, by file, until the window has said so."""


def settings_refused() -> tuple[str, ...]:
    """The settings (`core.settings.TOLD_WHEN_REFUSED`) whose values in the settings file a load
    left out for their defaults since the last call; none if it left none out.

    Kept by file: what a load of another file left (another `ANNOTATOR_HOME`) is not this one's.
    """
    found = _refused.pop(settings_file(), ())
    _refused.clear()
    return found


def settings_set_aside() -> Path | None:
    """Where a load moved a broken settings file since the last call, if it did.

    Without a word from the window, a person whose settings broke was asked their name as on a
    first start, their recent projects gone, and nothing said why.
    """
    found = _set_aside[-1] if _set_aside else None
    _set_aside.clear()
    return found


def load_settings() -> Settings:
    """The saved settings; the defaults if there are none, or if the file is broken.

    The file is read like every file the app did not just write: a FIFO there hung every start,
    and JSON nested a few thousand deep raised RecursionError, which stopped every start with
    "internal error" until the file was removed by hand.
    """
    path = settings_file()
    try:
        # An editor's byte order mark before the JSON (Notepad writes one) is no damage: a file
        # saved so was set aside whole, the name, the recent projects and every choice with it.
        data = json.loads(_read_regular(path).decode("utf-8-sig"))
        if not isinstance(data, dict):
            # Taken for no settings without a word, it was written over by the next save.
            raise ValueError(f"JSON {type(data).__name__}, not an object")
    except FileNotFoundError:
        return Settings()
    except (OSError, ValueError, RecursionError) as exc:
        log.warning("settings file %s is unreadable (%s); using defaults", path, exc)
        with contextlib.suppress(OSError):
            kept = _free_broken_name(path)
            path.replace(kept)
            _set_aside.append(kept)
        return Settings()
    _warn_of_a_refused_name(data.get("annotator"), path)
    refused = refused_settings(data)
    if refused:
        _refused[path] = refused
    others = [name for name in refused if name != "annotator"]  # the name's warning says why
    if others:
        log.warning("settings file %s: unusable values of %s; using their defaults", path, ", ".join(others))
    return Settings.from_json_dict(data)


KEPT_BROKEN = 10
"""Broken settings files kept beside the settings; past them the last is written over (a file
that breaks at every start must not fill the folder)."""


def _free_broken_name(path: Path) -> Path:
    """Where a broken settings file is kept: `settings.broken.json`, or the first free
    `settings.broken-N.json` (N up to `KEPT_BROKEN`) if an earlier one is kept there.

    One name for all of them: a file that broke again took the place of the one kept the
    first time, which may have been the only copy of the person's name and recent projects.
    """
    kept = path.with_suffix(".broken.json")
    number = 1
    while os.path.lexists(kept) and number < KEPT_BROKEN:
        number += 1
        kept = path.with_suffix(f".broken-{number}.json")
    return kept


def saved_settings() -> Settings | None:
    """What the settings file holds now, or None if there is none or it cannot be read.

    For a window about to save its changes onto what another start may have saved meanwhile
    (`Settings.changes_onto`); a broken file is left for the next start to set aside and say.
    """
    try:
        data = json.loads(_read_regular(settings_file()).decode("utf-8-sig"))
    except (OSError, ValueError, RecursionError):
        return None
    return Settings.from_json_dict(data) if isinstance(data, dict) else None


def _warn_of_a_refused_name(stored: object, path: Path) -> None:
    """Log why the file's name is left out (`Settings.from_json_dict` keeps no name, so the window
    asks for one): without a word, a hand-edited or damaged name was just asked for again."""
    if stored is None:
        return
    if not isinstance(stored, str):
        log.warning(
            "settings file %s: the annotator name is %s, not text; ignored", path, type(stored).__name__
        )
        return
    name = annotator_name(stored)
    refusal = annotator_name_problem(name) if name else None  # blank: no name yet, as a first start
    if refusal is not None:
        log.warning(
            "settings file %s: the annotator name %.60r (%s characters) is refused (%s); ignored",
            path,
            name,
            f"{len(name):,}",
            refusal.detail or refusal.problem.value,
        )


def _read_regular(path: Path) -> bytes:
    """The bytes of a regular file of at most `MAX_SETTINGS_BYTES`; OSError or ValueError if not.

    Opened by `open_regular` (a FIFO's open waited for a writer), and read one byte past the limit
    at most, whatever size the file claims.
    """
    with os.fdopen(open_regular(path, os.O_RDONLY), "rb") as handle:
        data = handle.read(MAX_SETTINGS_BYTES + 1)
    if len(data) > MAX_SETTINGS_BYTES:
        raise ValueError(f"larger than {byte_size(MAX_SETTINGS_BYTES, exact=True)}")
    return data


def save_settings(settings: Settings) -> None:
    """Write atomically (temp file + rename) so a crash never leaves half a settings file."""
    path = _written_through_link(settings_file())
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".settings-", suffix=".json")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(json_text(settings.to_json_dict(), indent=2))
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _written_through_link(path: Path) -> Path:
    """Where the settings are written: the file a symbolic link at `path` points to, if its
    folder is there; else `path` itself.

    A dotfiles manager (GNU Stow, a dotfiles repository) keeps the settings as a link to the
    person's own copy, which the rename put a plain file in place of: that copy, backed up and
    carried to their other computers, never changed again. A link into a folder that is not
    there (a drive not mounted), to what is not a file, or a loop is replaced, as before: the
    settings are saved.
    """
    if not path.is_symlink():
        return path
    try:
        target = path.resolve()
    except (OSError, RuntimeError):  # a loop of links
        return path
    kept_there = target.is_file() or not os.path.lexists(target)  # never a device or a FIFO
    return target if kept_there and target.parent.is_dir() else path


# Where a kind of dialog not used yet starts instead: a report is an export too, and the
# first one opened beside the project, far from where the person had put every other export.
_STARTS_LIKE: dict[FolderPurpose, FolderPurpose] = {"report": "export"}


def start_folder(settings: Settings, purpose: FolderPurpose, project: Path | None = None) -> Path:
    """Where a file dialog of this kind opens: where the person last chose one, if it is still
    there; else, for a kind never used, where its like last went (a report, the last export);
    else beside `project` (exports and reports); else the documents folder.

    Never the app's own data folder, where the sample project lives: a file exported there is
    one a person cannot find. Never the working directory, which for an app started from a
    desktop menu is `/` or home by accident.
    """
    remembered = settings.folder_for(purpose)
    if not remembered and purpose in _STARTS_LIKE:
        remembered = settings.folder_for(_STARTS_LIKE[purpose])
    if remembered and Path(remembered).is_dir():
        return Path(remembered)
    if project is not None:
        beside = project.parent
        if beside.is_dir() and not beside.resolve().is_relative_to(data_dir().resolve()):
            return beside
    return documents_dir()
