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
