"""Work functions for the window's workers, built on the services.

Each returns a `work(progress, cancel)` callable for `ui.workers.Task`. The pool
thread hands the job to a child process (`ui.subprocess_work`), which opens its own
`open_project` connection (the store is one connection per thread or process;
SQLite's WAL and busy timeout serialise it with the window's connection).
"""

from __future__ import annotations

import importlib
import importlib.util
import logging
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from annotator.core.progress import CancelFn, ProgressFn
from annotator.ui.subprocess_work import ChildJob, ImportSummary, run_in_process
from annotator.ui.workers import WorkReturning

if TYPE_CHECKING:
    from annotator.core.agreement import MatchMode
    from annotator.services.exporting import ExportResult
    from annotator.services.preannotate import PreannotateReport
    from annotator.services.project import Project
    from annotator.services.suggestions import TrainOptions, TrainResult

log = logging.getLogger(__name__)


def _tr(text: str) -> str:
    """Translate a string outside a QObject method (one context for the module's loose strings)."""
    return QCoreApplication.translate("annotator", text)


def export_choices() -> list[tuple[str, str]]:
    """(filter shown in the save dialog, format name) for each single-file export format.

    Read from the writers' registry (through the export service) when a dialog opens,
    so a new format appears here without an edit, and start-up imports nothing for it.
    """
    from annotator.services.exporting import export_formats

    return [(f"{description} (*{extension})", name) for name, description, extension in export_formats()]


def export_proposal(remembered: str) -> tuple[str, str]:
    """(filter, name ending) the Export dialog proposes: the format last chosen, else the first.

    The ending names the format ("-doccano.jsonl"), so two formats exported in a row are
    proposed two files (`services.exporting.export_file_ending`).
    """
    from annotator.services.exporting import export_file_ending, export_formats

    formats = export_formats()
    name, description, extension = next((f for f in formats if f[0] == remembered), formats[0])
    return f"{description} (*{extension})", export_file_ending(name)


def export_renamer(name: str, old_filter: str, new_filter: str) -> str:
    """The export file name to show when the person picks filter `new_filter` in the dialog."""
    from annotator.services.exporting import renamed_for_format

    formats = dict(export_choices())
    if old_filter not in formats or new_filter not in formats:
        return name
    return renamed_for_format(name, formats[old_filter], formats[new_filter])


def export_output(typed: Path, fmt: str) -> Path:
    """The file an export of format `fmt` named `typed` in the save dialog writes: with the
    format's ending added where the name has none."""
    from annotator.services.exporting import with_format_ending

    return with_format_ending(typed, fmt)


def clashing_export_format(output: Path, fmt: str) -> str | None:
    """The description of a format whose files end as `output` does when `fmt`'s never do."""
    from annotator.services.exporting import clashing_formats, export_formats

    owners = clashing_formats(output, fmt)
    return next((d for name, d, _e in export_formats() if owners and name == owners[0]), None)


def export_description(fmt: str) -> str:
    """How the save dialog names export format `fmt` ("CSV, one claim a row")."""
    from annotator.services.exporting import export_formats

    return next((description for name, description, _e in export_formats() if name == fmt), fmt)


def export_extension(fmt: str) -> str:
    """The file ending of export format `fmt` ("" for a format not written to one file)."""
    from annotator.services.exporting import export_formats

    return next((extension for name, _d, extension in export_formats() if name == fmt), "")


def export_targets(out_path: Path, fmt: str) -> list[Path]:
    """The files an export of format `fmt` to `out_path` writes (spaCy's four, named by it)."""
    from annotator.services.exporting import export_targets as targets

    return targets(out_path, fmt)


def export_filter() -> str:
    return ";;".join(name for name, _ in export_choices())


def article_file_endings() -> frozenset[str]:
    """Every file ending an import reads (".csv", ".html", ...)."""
    from annotator.services.importing import input_formats

    return frozenset(ext for _name, extensions in input_formats() for ext in extensions)


def import_filter() -> str:
    """The open dialog's filter: every ending an import reads, then each format, then all files."""
    from annotator.services.importing import input_formats

    formats = input_formats()
    every = " ".join(f"*{ext}" for _, extensions in formats for ext in extensions)
    each = [f"{name} ({' '.join(f'*{ext}' for ext in extensions)})" for name, extensions in formats]
    articles = _tr("Articles ({0})").format(every)
    return ";;".join([articles, *each, _tr("All files (*)")])


def _service(name: str) -> ModuleType | None:
    """A sibling service module, or None while it is not part of this build."""
    if not _has_service(name):
        return None
    return importlib.import_module(f"annotator.services.{name}")


def _has_service(name: str) -> bool:
    # find_spec, not import: importing preannotate pulls in spaCy (over a second) on the UI thread.
    return importlib.util.find_spec(f"annotator.services.{name}") is not None


def preannotate_available() -> bool:
    return _has_service("preannotate")


def export_available() -> bool:
    return _has_service("exporting")


def import_work(project_path: Path, paths: Sequence[Path], *, max_bytes: int) -> WorkReturning[ImportSummary]:
    """Import runs in a child process (see `ui.subprocess_work` for why); a file larger than
    `max_bytes` (Preferences' limit) is refused."""

    def work(progress: ProgressFn, cancel: CancelFn) -> ImportSummary:
        return run_in_process("import", (project_path, list(paths), max_bytes), progress, cancel)

    return work


def preannotate_work(
    project_path: Path, article_ids: list[int] | None, keep: frozenset[int] = frozenset()
) -> WorkReturning[PreannotateReport]:
    """Pre-annotation runs in a child process (see `ui.subprocess_work` for why), the window's
    warm one when it takes it (`WarmWorker.taking`); carrying the team's decisions leaves the
    suggestions `keep` names (the window's undone edits name them)."""
    return ChildJob("preannotate", (project_path, article_ids, keep))


def preannotate_opened_work(project_path: Path) -> WorkReturning[PreannotateReport]:
    """What opening a project pre-annotates, in a child process as `preannotate_work`: the
    articles never analysed and, once the model is installed, the ones simple rules did
    (`preannotate_opened`)."""
    return ChildJob("preannotate_opened", (project_path,))


def rules_to_upgrade(project: Project) -> list[int]:
    """The articles simple rules pre-annotated, when the project's model is installed now."""
    from annotator.services.preannotate import rules_to_upgrade as upgradable

    return upgradable(project)


def train_work(project_path: Path, options: TrainOptions) -> WorkReturning[TrainResult]:
    """Training runs in a child process too: in a pool thread spaCy stalled the window."""

    def work(progress: ProgressFn, cancel: CancelFn) -> TrainResult:
        return run_in_process("train", (project_path, options), progress, cancel)

    return work


def export_work(
    project_path: Path,
    out_path: Path,
    fmt: str,
    *,
    gold: bool = False,
    annotators: Sequence[str] = (),
    match: MatchMode = "exact",
) -> WorkReturning[ExportResult]:
    """Export in a child process: everyone's claims, only `annotators`' claims, or the gold
    labels (`ExportOptions.gold`, as `annotator export --gold`) after a review that matched
    spans by `match`."""
    args = (project_path, out_path, fmt, gold, tuple(annotators), match)

    def work(progress: ProgressFn, cancel: CancelFn) -> ExportResult:
        return run_in_process("export", args, progress, cancel)

    return work


def format_from_filter(chosen_filter: str, path: Path) -> str:
    for name, fmt in export_choices():
        if name == chosen_filter:
            return fmt
    return "csv" if path.suffix.lower() == ".csv" else "jsonl"


def preannotation_line(report: PreannotateReport) -> str:
    """One line for the status bar: the window's words for the run (`window_summary`), after
    what a missing model means when the rules ran instead.

    The warning first: on a 1366-pixel screen the status bar shows about 120 characters, and
    after the summary what to do about the model was cut."""
    text = report.window_summary()
    if not report.warning:
        return text
    from annotator.ui.error_text import model_warning

    said = model_warning(report.pipeline, str(report.warning), damaged=report.damaged is not None).text
    return f"{said} {text[:1].upper()}{text[1:]}."


def preannotation_choices(report: PreannotateReport) -> list[str]:
    """`preannotation_line`, then shorter lines for a status bar with less room
    (`StatusBar.show_fitting`): the model's warning alone, then in a few words."""
    whole = preannotation_line(report)
    if not report.warning:
        return [whole]
    from annotator.ui.error_text import model_warning, model_warning_brief

    damaged = report.damaged is not None
    said = model_warning(report.pipeline, str(report.warning), damaged=damaged).text
    return [whole, said, model_warning_brief(report.pipeline, damaged=damaged)]
