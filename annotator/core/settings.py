"""User settings as a typed, versioned dataclass.

Stored as JSON in the platformdirs config dir (see `annotator.services.paths`);
unknown keys are ignored and missing keys take their defaults, so an older or
newer settings file never stops the app from starting.
"""

from __future__ import annotations

import dataclasses
import os.path
from dataclasses import dataclass, field
from typing import Any

# 2: `eval_files`, the evaluation file remembered per project.
SETTINGS_VERSION = 2
EVAL_FILES_KEEP = 20  # projects whose evaluation file is remembered, most recent first
_MAX_PATH_CHARS = 4096


@dataclass(frozen=True)
class Settings:
    annotator: str = ""
    font_size: int = 13
    recent_projects: tuple[str, ...] = ()
    hidden_entity_labels: tuple[str, ...] = ()
    theme: str = "system"
    last_export_dir: str = ""
    candidate_order: str = "text"
    suggestion_threshold: int = 60  # percent; suggestions less sure than this are not shown
    max_import_bytes: int = 20 * 1024 * 1024
    # (project's resolved path, evaluation file's absolute path), most recently chosen first.
    eval_files: tuple[tuple[str, str], ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)

    def to_json_dict(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        data["version"] = SETTINGS_VERSION
        return data

    @classmethod
    def from_json_dict(cls, data: dict[str, Any]) -> Settings:
        known = {f.name: f for f in dataclasses.fields(cls)}
        values: dict[str, Any] = {}
        defaults = cls()
        for name, value in data.items():
            if name not in known:
                continue
            if name == "eval_files":
                values[name] = _path_pairs(value)
                continue
            default = getattr(defaults, name)
            if isinstance(default, tuple) and isinstance(value, list):
                value = tuple(str(v) for v in value)
            if type(value) is not type(default):
                continue  # a hand-edited or corrupted value: keep the default
            values[name] = value
        return cls(**values)

    def with_recent(self, path: str, *, keep: int = 10) -> Settings:
        recent = (path, *(p for p in self.recent_projects if p != path))[:keep]
        return dataclasses.replace(self, recent_projects=recent)

    def eval_file_for(self, project: str) -> str:
        """The evaluation file last chosen for `project` (its resolved path), or "" for none."""
        return next((file for key, file in self.eval_files if key == project), "")

    def with_eval_file(self, project: str, file: str, *, keep: int = EVAL_FILES_KEEP) -> Settings:
        """Remember `file` for `project` (first in the bounded map); "" forgets the project's file."""
        rest = tuple(pair for pair in self.eval_files if pair[0] != project)
        pairs = ((project, file), *rest) if file else rest
        return dataclasses.replace(self, eval_files=pairs[:keep])


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


def _plain_absolute(value: object) -> bool:
    """A string the OS can take as an absolute path (no NUL, not absurdly long)."""
    return (
        isinstance(value, str)
        and 0 < len(value) <= _MAX_PATH_CHARS
        and "\x00" not in value
        and os.path.isabs(value)
    )
