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

from annotator.core.settings import Settings
from annotator.services.paths import settings_file

log = logging.getLogger(__name__)


def load_settings() -> Settings:
    path = settings_file()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Settings()
    except (OSError, ValueError) as exc:
        log.warning("settings file %s is unreadable (%s); using defaults", path, exc)
        with contextlib.suppress(OSError):
            path.replace(path.with_suffix(".broken.json"))
        return Settings()
    if not isinstance(data, dict):
        return Settings()
    return Settings.from_json_dict(data)


def save_settings(settings: Settings) -> None:
    """Write atomically (temp file + rename) so a crash never leaves half a settings file."""
    path = settings_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".settings-", suffix=".json")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(settings.to_json_dict(), handle, indent=2, ensure_ascii=False)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
