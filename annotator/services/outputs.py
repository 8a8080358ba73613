"""Where the app may write: the one place that refuses outputs that would destroy something.

An export or release names its output path; a slip (the project file itself, its
`-wal`/`-shm`/`.lock` companions, another project, `/dev/sda`, or the folder that holds
the project) must be refused before a byte is written, with a message that says why.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from annotator.core.errors import UserError

PROJECT_COMPANION_SUFFIXES = ("-wal", "-shm", ".lock")
_SQLITE_MAGIC = b"SQLite format 3\x00"


def project_files(project_path: Path) -> list[Path]:
    """The project file and its companions, resolved."""
    path = project_path.resolve()
    return [path, *(path.with_name(path.name + suffix) for suffix in PROJECT_COMPANION_SUFFIXES)]


def check_output_path(path: Path, *, project_path: Path | None = None) -> None:
    """Refuse an output that is the project, a companion of it, another project file or a device."""
    resolved = path.resolve()
    if project_path is not None and resolved in project_files(project_path):
        raise UserError(f"{path} is the open project or one of its files; choose another output")
    try:
        info = os.stat(resolved)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise UserError(f"{path}: cannot check this output ({exc.strerror or exc})") from exc
    if not (stat.S_ISREG(info.st_mode) or stat.S_ISDIR(info.st_mode)):
        raise UserError(f"{path} is a device or special file, not a place to write; choose a file or folder")
    if stat.S_ISREG(info.st_mode) and info.st_size:
        try:
            with open(resolved, "rb") as handle:
                header = handle.read(len(_SQLITE_MAGIC))
        except OSError as exc:
            raise UserError(f"{path}: cannot check this output ({exc.strerror or exc})") from exc
        if header == _SQLITE_MAGIC:
            raise UserError(f"{path} is a project (SQLite) file; it will not be overwritten")
