"""Work functions for the window's workers, built on the services.

Each returns a `work(progress, cancel)` callable for `ui.workers.Task`. It runs on
a pool thread and opens its own `open_project` connection there (the store is one
connection per thread), closing it before it returns.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

from annotator.services.project import open_project

log = logging.getLogger(__name__)

Work = Callable[[Callable[..., None], Callable[[], bool]], Any]

# (filter shown in the save dialog, format name the exporting service knows)
EXPORT_CHOICES = (
    ("Prodigy-style JSON Lines (*.jsonl)", "jsonl"),
    ("Claims only, JSON Lines (*.jsonl)", "claims-jsonl"),
    ("doccano JSON Lines (*.jsonl)", "doccano"),
    ("CSV, one claim a row (*.csv)", "csv"),
)
EXPORT_FILTER = ";;".join(name for name, _ in EXPORT_CHOICES)


def _service(name: str) -> ModuleType | None:
    """A sibling service module, or None while it is not part of this build."""
    try:
        return importlib.import_module(f"annotator.services.{name}")
    except ModuleNotFoundError as exc:
        if exc.name == f"annotator.services.{name}":
            return None
        raise


def preannotate_available() -> bool:
    return _service("preannotate") is not None


def export_available() -> bool:
    return _service("exporting") is not None


def pipeline_of(result: Any) -> str:
    """'name version' of the pipeline a pre-annotation report names, or ''."""
    info = getattr(result, "pipeline", None)
    return f"{info.name} {info.version}" if info is not None else ""


def added_ids(report: Any) -> list[int]:
    added = getattr(report, "added", None)
    if added is None and isinstance(report, dict):
        added = report.get("added")
    return [int(i) for i in added or []]


def import_work(project_path: Path, paths: Sequence[Path]) -> Work:
    def work(progress: Callable[..., None], cancel: Callable[[], bool]) -> Any:
        with open_project(project_path, create=False) as project:
            from annotator.services.importing import import_paths

            # skip_bad: a dropped folder often holds a few files that are not articles;
            # import the rest and name the rejected ones in the report.
            return import_paths(project, list(paths), progress=progress, cancel=cancel, skip_bad=True)

    return work


def preannotate_work(project_path: Path, article_ids: list[int] | None) -> Work:
    def work(progress: Callable[..., None], cancel: Callable[[], bool]) -> Any:
        service = _service("preannotate")
        assert service is not None
        with open_project(project_path, create=False) as project:
            return service.preannotate(project, article_ids, progress=progress, cancel=cancel)

    return work


def export_work(project_path: Path, out_path: Path, fmt: str) -> Work:
    def work(progress: Callable[..., None], cancel: Callable[[], bool]) -> Any:
        service = _service("exporting")
        assert service is not None
        with open_project(project_path, create=False) as project:
            # The window asked before overwriting, so force is the user's answer.
            options = service.ExportOptions(format=fmt, force=True)
            return service.export(project, out_path, options=options, progress=progress, cancel=cancel)

    return work


def format_from_filter(chosen_filter: str, path: Path) -> str:
    for name, fmt in EXPORT_CHOICES:
        if name == chosen_filter:
            return fmt
    return "csv" if path.suffix.lower() == ".csv" else "jsonl"


def describe_result(result: Any) -> str:
    """One line for the status bar from whatever report a service returned."""
    if isinstance(result, list):
        return ""
    for attr in ("summary", "message"):
        value = getattr(result, attr, None)
        if isinstance(value, str):
            return value
        if callable(value):
            text = value()
            if isinstance(text, str):
                warning = getattr(result, "warning", None)
                return f"{text}. {warning}" if warning else text
    return ""
