"""User settings as a typed, versioned dataclass.

Stored as JSON in the platformdirs config dir (see `annotator.services.paths`);
unknown keys are ignored and missing keys take their defaults, so an older or
newer settings file never stops the app from starting.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

SETTINGS_VERSION = 1


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
