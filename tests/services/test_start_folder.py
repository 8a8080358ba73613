"""Where a file dialog opens when the remembered folder has gone, or the project is the sample."""

from __future__ import annotations

from pathlib import Path

from annotator.core.settings import Settings
from annotator.services import paths
from annotator.services.settings import start_folder


def test_a_remembered_folder_that_has_gone_gives_way_to_the_projects_then_the_documents(
    tmp_path: Path,
) -> None:
    gone = tmp_path / "usb-stick"
    remembered = Settings().with_folder("export", str(gone))
    project = tmp_path / "work" / "p.annotator.db"
    project.parent.mkdir()
    assert start_folder(remembered, "export", project) == project.parent
    gone.mkdir()
    assert start_folder(remembered, "export", project) == gone
    gone.rmdir()
    assert start_folder(remembered, "export") == paths.documents_dir()
    assert start_folder(remembered, "import", project) == project.parent


def test_the_apps_data_folder_is_never_where_a_dialog_starts() -> None:
    sample = paths.sample_project_file()
    sample.parent.mkdir(parents=True, exist_ok=True)
    assert start_folder(Settings(), "export", sample) == paths.documents_dir()
    nested = sample.parent / "nested"
    nested.mkdir()
    assert start_folder(Settings(), "report", nested / "x.db") == paths.documents_dir()


def test_a_report_starts_where_the_last_export_went_until_a_report_folder_is_chosen(tmp_path: Path) -> None:
    exports, reports = tmp_path / "exports", tmp_path / "reports"
    exports.mkdir()
    reports.mkdir()
    project = tmp_path / "p.annotator.db"
    exported = Settings().with_folder("export", str(exports))
    assert start_folder(exported, "report", project) == exports
    assert start_folder(exported.with_folder("report", str(reports)), "report", project) == reports
    assert start_folder(exported, "merge", project) == tmp_path  # only a report is an export's like
