"""SQLite project files through sqlite-utils: schema, migrations, one transaction per action."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from annotator.store.project_store import ProjectStore, check_project_file
from annotator.store.schema import SCHEMA_VERSION

__all__ = ["SCHEMA_VERSION", "ImportReport", "ProjectStats", "ProjectStore", "check_project_file"]

if TYPE_CHECKING:
    from annotator.core.reports import ImportReport, ProjectStats


def __getattr__(name: str) -> Any:
    """The re-exported reports, loaded when asked for: opening a project builds none of them."""
    if name in ("ImportReport", "ProjectStats"):
        from annotator.core import reports

        return getattr(reports, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
