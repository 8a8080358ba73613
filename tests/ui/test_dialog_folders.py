"""Each kind of file dialog starts where the person last chose a file of its kind.

Before, Import and Open always started in the home folder, Merge and the dashboard's Save in
the working directory (`/` for an app started from a desktop menu), and Export beside the
project: for the bundled sample project, a hidden folder under ~/.local/share.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QPushButton
from pytestqt.qtbot import QtBot

from annotator.services import paths
from annotator.services.settings import load_settings
from annotator.ui import merge_pick, save_dialog
from annotator.ui.main_window import MainWindow
from tests.ui.conftest import make_project, open_window

TEXTS = [("One", "The council met on Monday. It said the plan was a disgrace.")]


class Dialogs:
    """Stands in for the native file dialogs: records where each started, answers `answer`."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.starts: list[str] = []
        self.proposed: list[str] = []  # the filter a save dialog showed first
        self.answer = ""
        self.answer_filter = ""

        def many(_parent: object, _title: str, start: str, _filters: str) -> tuple[list[str], str]:
            self.starts.append(start)
            return ([self.answer] if self.answer else []), ""

        def one(
            _parent: object, _title: str, start: str, _filters: str, *proposed: str, **_options: object
        ) -> tuple[str, str]:
            self.starts.append(start)
            self.proposed.extend(proposed)
            return self.answer, self.answer_filter

        monkeypatch.setattr(QFileDialog, "getOpenFileNames", many)
        monkeypatch.setattr(merge_pick, "ask_merge_paths", lambda *a, **_k: many(*a))  # the Merge dialog
        monkeypatch.setattr(QFileDialog, "getOpenFileName", one)
        monkeypatch.setattr(QFileDialog, "getSaveFileName", one)
        monkeypatch.setattr(save_dialog, "ask_save_path", one)  # the Export dialog


def test_import_starts_in_the_folder_of_the_last_import_after_a_restart(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialogs = Dialogs(monkeypatch)
    feeds = tmp_path / "feeds"
    feeds.mkdir()
    (feeds / "a.txt").write_text("Ana said the plan was good.\n", "utf-8")
    window = open_window(qtbot, make_project(tmp_path / "p.annotator.db", TEXTS))
    window.transfers.auto_preannotate = False
    dialogs.answer = str(feeds / "a.txt")
    window.registry["import"].trigger()
    qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=20_000)
    assert dialogs.starts == [str(paths.documents_dir())]  # never the working directory
    window.close()
    assert load_settings().folder_for("import") == str(feeds)
    again = MainWindow(load_settings())  # the next run, with the settings saved by this one
    again.open_project(tmp_path / "p.annotator.db")
    qtbot.addWidget(again)
    try:
        dialogs.answer = ""
        again.registry["import"].trigger()
        assert dialogs.starts[-1] == str(feeds)
    finally:
        again.close()


def test_export_of_the_sample_project_does_not_start_in_the_apps_hidden_data_folder(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialogs = Dialogs(monkeypatch)
    paths.data_dir().mkdir(parents=True, exist_ok=True)
    window = open_window(qtbot, make_project(paths.sample_project_file(), TEXTS))
    try:
        window.registry["export"].trigger()
        start = Path(dialogs.starts[-1])
        assert start.parent == paths.documents_dir()
        assert start.name == "sample-project-prodigy.jsonl"
    finally:
        window.close()


def test_export_starts_beside_an_ordinary_project_until_the_person_exports_elsewhere(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialogs = Dialogs(monkeypatch)
    window = open_window(qtbot, make_project(tmp_path / "p.annotator.db", TEXTS))
    try:
        window.registry["export"].trigger()
        assert Path(dialogs.starts[-1]).parent == tmp_path
        shared = tmp_path / "shared"
        shared.mkdir()
        dialogs.answer = str(shared / "labels.jsonl")
        window.registry["export"].trigger()
        qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=20_000)
        dialogs.answer = ""
        window.registry["export"].trigger()
        assert Path(dialogs.starts[-1]).parent == shared
    finally:
        window.close()


def test_export_into_a_folder_typed_new_in_the_dialog_starts_there_next_time(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The export makes a folder typed in the dialog that is not there yet; Export was then
    remembered nowhere, as the folder did not exist when the file was chosen."""
    dialogs = Dialogs(monkeypatch)
    window = open_window(qtbot, make_project(tmp_path / "p.annotator.db", TEXTS))
    try:
        typed = tmp_path / "exports" / "monday"
        dialogs.answer = str(typed / "labels.jsonl")
        qtbot.keyClick(window.view, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=20_000)
        assert (typed / "labels.jsonl").is_file()
        assert "labels.jsonl" in window.statusBar().currentMessage()
        dialogs.answer = ""
        qtbot.keyClick(window.view, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
        assert Path(dialogs.starts[-1]).parent == typed
        assert load_settings().folder_for("export") == str(typed)
    finally:
        window.close()


def test_merge_starts_where_the_last_merged_files_were(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialogs = Dialogs(monkeypatch)
    window = open_window(qtbot, make_project(tmp_path / "team.annotator.db", TEXTS))
    merge = next(a for m in window.menuBar().actions() for a in m.menu().actions() if "Merge" in a.text())
    try:
        merge.trigger()
        # Beside the team file, where the annotators' files are usually put: it was the
        # documents folder (home, where there is none), and before that the working directory.
        assert dialogs.starts == [str(tmp_path)]
        assert str(tmp_path) != str(paths.documents_dir())
        received = tmp_path / "received"
        received.mkdir()
        alice = make_project(received / "alice.annotator.db", TEXTS)
        dialogs.answer = str(alice)
        merge.trigger()
        qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=30_000)
        dialogs.answer = ""
        merge.trigger()
        assert dialogs.starts[-1] == str(received)
    finally:
        window.close()


def test_the_dashboards_save_dialogs_start_beside_the_project_not_in_the_working_directory(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from annotator import open_project
    from annotator.ui.dashboard import DashboardDialog
    from annotator.ui.folders import DialogFolders

    dialogs = Dialogs(monkeypatch)
    with open_project(make_project(tmp_path / "p.annotator.db", TEXTS)) as project:
        dialog = DashboardDialog(project, folders=DialogFolders(None))
        qtbot.addWidget(dialog)
        dialog.save_png_dialog()
        dialog.save_html_dialog()
        dialog.close()
    starts = [Path(start) for start in dialogs.starts]
    assert starts == [tmp_path / "dashboard.png", tmp_path / "p-report.html"]


def test_the_first_report_starts_where_the_last_export_went_named_after_the_project(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first Save HTML report… opened beside the project as "report.html", far from the
    folder every export had gone to, under a name that said nothing of whose report it was."""
    dialogs = Dialogs(monkeypatch)
    window = open_window(qtbot, make_project(tmp_path / "news.annotator.db", TEXTS))
    try:
        shared = tmp_path / "shared"
        shared.mkdir()
        dialogs.answer = str(shared / "labels.jsonl")
        window.registry["export"].trigger()
        qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=20_000)
        dialogs.answer = ""
        window.registry["statistics"].trigger()
        dashboard = window.team.dashboard_dialog
        assert dashboard is not None
        save = next(b for b in dashboard.findChildren(QPushButton) if b.text() == "Save &HTML report…")
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
        assert Path(dialogs.starts[-1]) == shared / "news-report.html"
        reports = tmp_path / "reports"
        reports.mkdir()
        dialogs.answer = str(reports / "team.html")
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)  # a report folder chosen: it comes first
        qtbot.waitUntil(lambda: (reports / "team.html").is_file(), timeout=20_000)
        dialogs.answer = ""
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
        assert Path(dialogs.starts[-1]) == reports / "news-report.html"
        dashboard.close()
    finally:
        window.close()


def test_export_proposes_the_format_chosen_last_time(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialogs = Dialogs(monkeypatch)
    window = open_window(qtbot, make_project(tmp_path / "p.annotator.db", TEXTS))
    try:
        window.registry["export"].trigger()
        assert dialogs.proposed == ["Prodigy-style JSON Lines (*.jsonl)"]
        assert dialogs.starts[-1].endswith("p-prodigy.jsonl")
        dialogs.answer, dialogs.answer_filter = str(tmp_path / "p.csv"), "CSV, one claim a row (*.csv)"
        window.registry["export"].trigger()
        qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=20_000)
        assert (tmp_path / "p.csv").read_text("utf-8-sig").startswith("article_id")
        dialogs.answer = ""
        window.registry["export"].trigger()
        assert dialogs.proposed[-1] == "CSV, one claim a row (*.csv)"
        assert dialogs.starts[-1] == str(tmp_path / "p-claims.csv")
        assert load_settings().export_format == "csv"
    finally:
        window.close()
