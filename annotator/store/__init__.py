"""SQLite project files through sqlite-utils: schema, migrations, one transaction per action."""

from annotator.core.reports import ImportReport, ProjectStats
from annotator.store.project_store import ProjectStore, check_project_file
from annotator.store.schema import SCHEMA_VERSION

__all__ = ["SCHEMA_VERSION", "ImportReport", "ProjectStats", "ProjectStore", "check_project_file"]
