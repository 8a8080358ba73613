"""SQLite project files through sqlite-utils: schema, migrations, one transaction per action.

The names below load with their modules when first asked for: the checked first paint of a
project (`store.first_page`) imports `store.checks` alone, not the whole store.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__all__ = ["SCHEMA_VERSION", "ImportReport", "ProjectStats", "ProjectStore", "check_project_file"]

if TYPE_CHECKING:
    from annotator.core.reports import ImportReport, ProjectStats
    from annotator.store.project_store import ProjectStore, check_project_file
    from annotator.store.schema import SCHEMA_VERSION


def __getattr__(name: str) -> Any:
    """The re-exported names, loaded when asked for: opening a project builds no report."""
    if name in ("ImportReport", "ProjectStats"):
        from annotator.core import reports

        return getattr(reports, name)
    if name in ("ProjectStore", "check_project_file"):
        from annotator.store import project_store

        return getattr(project_store, name)
    if name == "SCHEMA_VERSION":
        from annotator.store import schema

        return schema.SCHEMA_VERSION
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
