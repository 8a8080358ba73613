"""Every way a project opens has its file's checks made in the pool, as File ▸ Open does: the
start (checked, and after a preview), a new project named after an existing file, the sample,
Save a Copy As's reopen, a restored backup, the project watch's reopen of a moved file. On the
window's thread the checks held it still 0.1-0.3 s on 10,000 articles. A refused file is
said in the same one message as before, and a file that is not there yet is created at once."""

from __future__ import annotations

import json
import shutil
import sqlite3
import threading
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from annotator.core.errors import ProjectFileError
from annotator.services import project as project_service
from annotator.services.backups import back_up_if_due, backups_of
from annotator.services.paths import settings_file
from annotator.store.checked_files import CheckedFile
from annotator.ui.app import start_checked
from annotator.ui.backups import BackupsDialog
from tests.ui.conftest import make_project, open_window, wait_listed, wait_opened, wikinews_texts
from tests.ui.error_boxes import assert_plain
from tests.ui.test_quick_start import close_once, reopen

FIRST = [("First", "The council met on Monday. It voted to raise the rates by ten percent.")]
SECOND = [("Second", "Prices rose again. The minister said the rise would not last beyond the summer.")]
TRIGGER = "CREATE TRIGGER t AFTER UPDATE ON claims BEGIN DELETE FROM claims; END"


@pytest.fixture
def checked_in(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, bool]]:
    """For each file `check_before_opening` checked: its name, and whether on the window's thread."""
    window_thread = threading.current_thread()
    made: list[tuple[str, bool]] = []
    real = project_service.check_before_opening

    def recorded(path: str | Path) -> CheckedFile:
        made.append((Path(path).name, threading.current_thread() is window_thread))
        return real(path)

    monkeypatch.setattr(project_service, "check_before_opening", recorded)
    return made


def _start_with(monkeypatch: pytest.MonkeyPatch) -> None:
    settings_file().parent.mkdir(parents=True, exist_ok=True)
    settings_file().write_text(json.dumps({"annotator": "tester"}), encoding="utf-8")
    monkeypatch.setattr("sys.excepthook", __import__("sys").excepthook)  # the start installs its own


def test_the_start_says_what_it_opens_where_the_article_goes_and_checks_it_in_the_pool(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, checked_in: list[tuple[str, bool]]
) -> None:
    _start_with(monkeypatch)
    path = make_project(tmp_path / "first.annotator.db", FIRST)
    window = start_checked(path)
    qtbot.addWidget(window)
    try:
        assert window.project is None and window.opening
        assert window.centre.currentWidget() is window.centre.empty
        assert window.centre.empty.heading.text() == "Opening first.annotator.db…"
        assert not window.centre.empty.open_button.isVisible()  # not "No project is open", New, Open
        wait_opened(qtbot, window)
        wait_listed(qtbot, window)
        assert window.project is not None and window.project.path == path
        assert window.article is not None and window.article.article.title == "First"
        assert window.centre.currentWidget() is window.centre.reading
        assert checked_in == [("first.annotator.db", False)]
        qtbot.waitUntil(lambda: window.start_finished)  # built after the article's paint
    finally:
        window.close()


def test_a_start_naming_a_file_not_there_yet_creates_it_at_once(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, checked_in: list[tuple[str, bool]]
) -> None:
    _start_with(monkeypatch)
    path = tmp_path / "new.annotator.db"
    window = start_checked(path)  # `annotator new.annotator.db`
    qtbot.addWidget(window)
    try:
        assert not window.opening and window.project is not None and window.project.path == path
        assert checked_in == []  # nothing to check in a file made now
    finally:
        window.close()


def test_a_start_after_a_preview_checks_the_file_in_the_pool_then_opens_its_article(
    qtbot: QtBot, project_path: Path, checked_in: list[tuple[str, bool]]
) -> None:
    record = close_once(qtbot, project_path)
    checked_in.clear()
    window = reopen(qtbot, record)
    try:
        assert window._preview is not None
        qtbot.waitUntil(lambda: window.start_finished and not window.opening)
        assert window._preview is None and window.project is not None and window.article is not None
        assert window.article.article.id == record.article_id
        assert checked_in == [(project_path.name, False)]
    finally:
        window.close()


def test_a_refused_file_at_a_preview_s_start_is_said_once_and_its_record_dropped(
    qtbot: QtBot, project_path: Path, tmp_path: Path, checked_in: list[tuple[str, bool]]
) -> None:
    from annotator.services import last_closed

    close_once(qtbot, project_path)
    hostile = tmp_path / "hostile.annotator.db"  # the record names it, as if written for it
    shutil.copyfile(project_path, hostile)
    with sqlite3.connect(hostile) as conn:
        conn.execute(TRIGGER)
    conn.close()
    record_path = last_closed.record_path()
    record = json.loads(record_path.read_text("utf-8"))
    record |= {"project": str(hostile.resolve()), "identity": last_closed._identity(hostile)}
    record_path.write_text(json.dumps(record), "utf-8")
    previewed = last_closed.reopened(hostile)
    assert previewed is not None
    with pytest.raises(ProjectFileError) as refused:
        project_service.open_project(hostile, create=False)
    checked_in.clear()
    window = reopen(qtbot, previewed)
    try:
        qtbot.waitUntil(lambda: window.start_finished and not window.opening)
        boxes = window.findChildren(QMessageBox, "errorBox")
        assert [box.detailedText() for box in boxes] == [str(refused.value)]
        assert window.project is None and last_closed.reopened(hostile) is None
        assert checked_in == [("hostile.annotator.db", False)]
    finally:
        window.close()


def test_a_new_project_named_after_an_existing_file_checks_it_in_the_pool(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, checked_in: list[tuple[str, bool]]
) -> None:
    existing = make_project(tmp_path / "second.annotator.db", SECOND)
    monkeypatch.setattr("annotator.ui.project_files.ask_new_project", lambda *_a: existing)
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.Open)
    window = open_window(qtbot, make_project(tmp_path / "first.annotator.db", FIRST))
    window.auto_preannotate = False
    try:
        window.new_project_dialog()
        assert window.opening
        wait_opened(qtbot, window)
        assert window.project is not None and window.project.path == existing
        assert checked_in == [("second.annotator.db", False)]
        fresh = tmp_path / "third.annotator.db"
        monkeypatch.setattr("annotator.ui.project_files.ask_new_project", lambda *_a: fresh)
        window.new_project_dialog()
        assert not window.opening and window.project.path == fresh  # made at once, nothing to check
        assert checked_in == [("second.annotator.db", False)]
    finally:
        window.close()


def test_the_sample_is_checked_in_the_pool(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, checked_in: list[tuple[str, bool]]
) -> None:
    sample = make_project(tmp_path / "sample.annotator.db", SECOND)
    monkeypatch.setattr("annotator.services.samples.ensure_sample_project", lambda: sample)
    window = open_window(qtbot, None)
    window.auto_preannotate = False
    try:
        window.open_sample_project()
        assert window.centre.empty.heading.text() == "Opening sample.annotator.db…"
        wait_opened(qtbot, window)
        assert window.project is not None and window.project.path == sample
        assert checked_in == [("sample.annotator.db", False)]
    finally:
        window.close()


def test_a_refused_sample_is_said_in_one_message_as_before(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, checked_in: list[tuple[str, bool]]
) -> None:
    sample = make_project(tmp_path / "sample.annotator.db", SECOND)
    with sqlite3.connect(sample) as conn:
        conn.execute(TRIGGER)
    conn.close()
    with pytest.raises(ProjectFileError) as refused:
        project_service.open_project(sample, create=False)
    monkeypatch.setattr("annotator.services.samples.ensure_sample_project", lambda: sample)
    window = open_window(qtbot, None)
    try:
        window.open_sample_project()
        wait_opened(qtbot, window)
        boxes = window.findChildren(QMessageBox, "errorBox")
        assert len(boxes) == 1 and boxes[0].detailedText() == str(refused.value)
        assert_plain(boxes[0], sample)
        assert window.project is None
        assert window.centre.empty.heading.text() == "No project is open"
        assert window.centre.empty.open_button.isVisible()
    finally:
        window.close()


def test_a_restored_backup_is_checked_in_the_pool(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, checked_in: list[tuple[str, bool]]
) -> None:
    path = make_project(tmp_path / "p.annotator.db", FIRST, analyse=False)
    assert back_up_if_due(path) is not None
    window = open_window(qtbot, path)
    window.auto_preannotate = False
    try:
        dialog = BackupsDialog(window)
        restored = tmp_path / "restored.annotator.db"
        dialog.restore_to(backups_of(path)[0], restored)
        qtbot.waitUntil(
            lambda: window.project is not None and window.project.path == restored, timeout=20_000
        )
        assert checked_in == [("restored.annotator.db", False)]
        assert "that project is unchanged" in window.statusBar().currentMessage()
    finally:
        window.close()


def test_save_a_copy_as_goes_on_in_the_copy_checked_in_the_pool(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, checked_in: list[tuple[str, bool]]
) -> None:
    folder = tmp_path / "gone"
    folder.mkdir()
    path = make_project(folder / "p.annotator.db", FIRST)
    rescue = tmp_path / "rescued.annotator.db"
    monkeypatch.setattr("annotator.ui.project_files.ask_copy_path", lambda *_a: rescue)
    window = open_window(qtbot, path)
    window.auto_preannotate = False
    try:
        qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=30_000)
        window.project_watch._timer.stop()
        shutil.rmtree(folder)
        window.save_copy_dialog()
        qtbot.waitUntil(lambda: window.project is not None and window.project.path == rescue, timeout=30_000)
        assert checked_in == [("rescued.annotator.db", False)]
        assert "the window goes on there" in window.statusBar().currentMessage()
    finally:
        window.close()


def test_the_watch_s_reopen_of_a_moved_project_is_checked_in_the_pool(
    qtbot: QtBot, tmp_path: Path, checked_in: list[tuple[str, bool]]
) -> None:
    path = make_project(tmp_path / "p.annotator.db", wikinews_texts())
    window = open_window(qtbot, path)
    window.auto_preannotate = False
    try:
        qtbot.waitUntil(lambda: window.project is not None and window.project.locks_kept(), timeout=30_000)
        qtbot.waitUntil(lambda: not window.busy and not window.listing, timeout=30_000)
        window.project_watch._timer.stop()
        path.rename(path.with_name("moved.annotator.db"))  # as a file manager does
        window.project_watch.check()
        assert window.project is None and window.opening
        wait_opened(qtbot, window)
        assert window.project is not None and window.project.path == path
        assert checked_in == [("p.annotator.db", False)]
        for box in window.findChildren(QMessageBox, "errorBox"):
            box.close()
    finally:
        window.close()
