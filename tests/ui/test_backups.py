"""The window copies the open project once a day, and File ▸ Restore from a Backup… makes a new
project file from a copy and opens it, leaving the project it came from as it was."""

from __future__ import annotations

import errno
import re
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QMenu, QMessageBox
from pytestqt.qtbot import QtBot

from annotator import open_project
from annotator.services import backups
from annotator.services.backups import back_up_if_due, backups_of
from annotator.ui.backups import BackupsDialog
from annotator.ui.main_window import MainWindow
from tests.ui.conftest import fake_opener, handed_paths, make_project, open_window, spoken_name

TEXTS = [("One", "The council met on Monday. Prices rose by half.")]


def file_action(window: MainWindow, text: str) -> object:
    menu: QMenu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&File")
    return next(a for a in menu.actions() if a.text() == text)


def lowercase_starts(text: str) -> list[str]:
    """The words that begin a sentence of `text` in lower case ("annotator copies…")."""
    return re.findall(r"(?:^|[.!?]\s+)([a-z]\w*)", text)


def test_lowercase_starts_finds_a_sentence_begun_in_lower_case() -> None:
    assert lowercase_starts("annotator copies. It keeps them.\n\nannotator tries") == [
        "annotator",
        "annotator",
    ]
    assert lowercase_starts("Copied into p.annotator.db: see it. Done") == []


def test_the_open_project_is_copied_a_while_after_it_opens(qtbot: QtBot, tmp_path: Path) -> None:
    path = make_project(tmp_path / "p.annotator.db", TEXTS, analyse=False)
    window = open_window(qtbot, path)
    try:
        qtbot.waitUntil(window.daily_backup.waiting)  # after the first paint, not before
        task = window.daily_backup.back_up_now()  # as the timer does, a minute on
        assert task is not None
        qtbot.waitUntil(lambda: window.daily_backup.task is None, timeout=20_000)
        [copy] = backups_of(path)
        assert copy.project == path.resolve()
        assert window.daily_backup.waiting()  # it looks again in an hour: the window may stay open for days
        window.close_project()
        assert not window.daily_backup.waiting()
    finally:
        window.close()


def _restore_dialog(qtbot: QtBot, window: MainWindow) -> BackupsDialog:
    file_action(window, "Restore from a &Backup…").trigger()  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: window.findChild(BackupsDialog) is not None)
    dialog = window.findChild(BackupsDialog)
    assert isinstance(dialog, BackupsDialog)
    qtbot.waitExposed(dialog)
    return dialog


def test_restore_in_the_first_minute_says_when_the_first_copy_is_made(qtbot: QtBot, tmp_path: Path) -> None:
    """Opened before the first copy, it said only "No copy has been made yet", as if none would be."""
    path = make_project(tmp_path / "p.annotator.db", TEXTS, analyse=False)
    window = open_window(qtbot, path)
    try:
        qtbot.waitUntil(window.daily_backup.waiting)
        dialog = _restore_dialog(qtbot, window)
        said = dialog.state.text()
        found = re.search(r"The first is made in (\d+) s, a minute after the project opened\.", said)
        assert said.startswith("No copy of p.annotator.db has been made yet.") and found, said
        assert 0 < int(found.group(1)) <= 60
        dialog.close()
        window.daily_backup.back_up_now()  # as the timer does, a minute on
        qtbot.waitUntil(lambda: window.daily_backup.task is None, timeout=20_000)
        dialog = _restore_dialog(qtbot, window)
        assert dialog.state.text().startswith("The newest copy of p.annotator.db was made "), (
            dialog.state.text()
        )
        assert "first is made" not in dialog.state.text()  # the hourly look is no first copy
        dialog.close()
    finally:
        window.close()


def _failure_boxes(window: MainWindow) -> list[QMessageBox]:
    return [box for box in window.findChildren(QMessageBox, "backupFailedBox") if box.isVisible()]


def _failed_copy_box(qtbot: QtBot, window: MainWindow) -> QMessageBox:
    """The box that says the daily copy failed, once the copy the timer would make is made now."""
    qtbot.waitUntil(window.daily_backup.waiting)
    window.daily_backup.back_up_now()
    qtbot.waitUntil(lambda: len(_failure_boxes(window)) == 1, timeout=20_000)
    [box] = _failure_boxes(window)
    return box


def test_a_copy_that_cannot_be_written_is_said_and_marked_until_a_copy_is_made(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """A line in the status bar for ten seconds, again each hour, was all: someone who missed it
    believed the work was copied. The line stays one line (no traceback); a mark stays in the
    status bar, and a box says it once, until a copy is made."""
    path = make_project(tmp_path / "p.annotator.db", TEXTS, analyse=False)
    backups.backups_root().parent.mkdir(parents=True, exist_ok=True)
    backups.backups_root().write_text("not a folder", "utf-8")
    window = open_window(qtbot, path)
    mark = window.status_bar.backup_warning
    try:
        qtbot.waitUntil(window.daily_backup.waiting)
        assert not mark.isVisible()
        window.daily_backup.back_up_now()
        qtbot.waitUntil(
            lambda: "No backup made: cannot copy p.annotator.db" in window.statusBar().currentMessage()
        )
        assert "\n" not in window.statusBar().currentMessage()
        assert mark.isVisible() and "cannot copy p.annotator.db" in mark.toolTip()
        [box] = _failure_boxes(window)  # said once, in a box that does not wait for an answer
        assert str(backups.backups_root()) in box.text() and "Restore from a Backup" in box.text()
        assert "No copy of this project has been made yet" in box.text()
        assert lowercase_starts(box.text()) == []  # "annotator copies…", "annotator tries again…"
        # The reason, the command line's words without a stop, ends the box's first sentence.
        assert box.text().split("\n\n")[0].endswith("."), box.text()
        qtbot.keyClick(box, Qt.Key.Key_Escape)
        assert _failure_boxes(window) == []
        assert window.backup_warning.box is None  # forgotten as it closes, not as it is destroyed

        window.daily_backup.back_up_now()  # an hour on: it fails again
        qtbot.waitUntil(lambda: window.daily_backup.task is None, timeout=20_000)
        qtbot.wait(50)
        assert mark.isVisible() and _failure_boxes(window) == []  # not said again in a box

        qtbot.mouseClick(mark, Qt.MouseButton.LeftButton)  # what it is about, when asked
        [box] = _failure_boxes(window)
        assert "cannot copy p.annotator.db" in box.text()
        backups.backups_root().unlink()  # the person removes the file in the way, and tries again
        [again] = [b for b in box.buttons() if b.text() == "&Try Again"]
        qtbot.mouseClick(again, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not mark.isVisible(), timeout=20_000)
        assert len(backups_of(path)) == 1
    finally:
        window.close()


def _failing_window(qtbot: QtBot, tmp_path: Path) -> MainWindow:
    """A window whose daily copy has failed (a file where the backups folder goes), its box closed."""
    path = make_project(tmp_path / "p.annotator.db", TEXTS, analyse=False)
    backups.backups_root().parent.mkdir(parents=True, exist_ok=True)
    backups.backups_root().write_text("not a folder", "utf-8")
    window = open_window(qtbot, path)
    qtbot.keyClick(_failed_copy_box(qtbot, window), Qt.Key.Key_Escape)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def test_a_screen_reader_reads_the_backup_warning_in_words_and_the_key_that_explains_it(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """Tabbed to, the status bar's warning was described by its tooltip, markup and all
    ("<qt>No backup of p.annotator.db…<br>Click for what to do.</qt>"), telling someone who
    cannot click to click. Its description is now the plain text and names the key, which
    opens the explanation."""
    window = _failing_window(qtbot, tmp_path)
    mark = window.status_bar.backup_warning
    try:
        window.article_list.setFocus()
        qtbot.waitUntil(window.article_list.hasFocus)
        for _ in range(40):  # the warning is in the window's Tab order
            if QApplication.focusWidget() is mark:
                break
            qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is mark
        accessible = QAccessible.queryAccessibleInterface(mark)
        assert accessible is not None
        assert spoken_name(mark) == "No backup made"
        described = accessible.text(QAccessible.Text.Description)
        assert "<" not in described and "Click" not in described, described
        assert described.startswith("No backup of p.annotator.db since ")
        assert "Not a directory. Press Space for what to do." in described
        assert "Click for what to do." in mark.toolTip()  # the mouse's hint stays in the tooltip
        qtbot.keyClick(mark, Qt.Key.Key_Space)
        [box] = _failure_boxes(window)
        assert "Not a directory" in box.text()
    finally:
        window.close()


def test_restore_says_what_to_do_about_failing_copies_a_key_away(qtbot: QtBot, tmp_path: Path) -> None:
    """Restore from a Backup said that the latest copy failed and to "click the warning in the
    status bar for what to do": a button behind the dialog, which a keyboard reached only by
    closing it and tabbing round the window. The dialog has the explanation a key away."""
    window = _failing_window(qtbot, tmp_path)
    try:
        dialog = _restore_dialog(qtbot, window)
        said = dialog.state.text()
        assert "failed: cannot copy p.annotator.db" in said and "Click" not in said, said
        assert "What to Do…" in said
        qtbot.waitUntil(dialog.isActiveWindow)
        qtbot.keyClick(QApplication.focusWidget() or dialog, Qt.Key.Key_W, Qt.KeyboardModifier.AltModifier)
        qtbot.waitUntil(lambda: len(_failure_boxes(window)) == 1)
        [box] = _failure_boxes(window)
        assert "Not a directory" in box.text()
        assert QApplication.activeModalWidget() is box  # above the dialog, where the keys go
        qtbot.keyClick(box, Qt.Key.Key_Escape)
        assert _failure_boxes(window) == [] and dialog.isVisible()  # back to the list of copies
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    finally:
        window.close()


def test_a_project_found_damaged_by_its_copy_is_not_told_to_free_disk_space(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A daily copy refused because the project itself was damaged was explained as a full disk
    or a read-only folder ("free some space…", "Save a Copy As… keeps a copy of your work"),
    after the reason had said to restore a backup. It now says what a restore does instead."""
    from annotator.core.errors import DamagedProjectError

    path = make_project(tmp_path / "p.annotator.db", TEXTS, analyse=False)

    def damaged(source: Path, _target: Path) -> None:
        raise DamagedProjectError(source, "is damaged (Page 17: btreeInitPage() returns error code 11)")

    monkeypatch.setattr(backups, "copy_database", damaged)
    window = open_window(qtbot, path)
    try:
        box = _failed_copy_box(qtbot, window)
        said = box.text()
        assert "p.annotator.db is damaged" in said and "Restore from a Backup" in said
        assert "free some space" not in said and "Save a Copy As" not in said, said
        assert "Restoring a copy makes a new project file and leaves this one as it is." in said
        qtbot.keyClick(box, Qt.Key.Key_Escape)
    finally:
        window.close()


def test_restore_says_when_the_last_copy_was_made_and_that_the_latest_failed(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """It listed the copies of two days ago as if all were well."""
    path = make_project(tmp_path / "p.annotator.db", TEXTS, analyse=False)
    two_days_ago = datetime.now().replace(microsecond=0) - timedelta(days=2)
    assert back_up_if_due(path, now=two_days_ago) is not None

    def full_disk(_source: Path, _target: Path) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(backups, "copy_database", full_disk)
    window = open_window(qtbot, path)
    try:
        _failed_copy_box(qtbot, window).close()
        file_action(window, "Restore from a &Backup…").trigger()  # type: ignore[attr-defined]
        qtbot.waitUntil(lambda: window.findChild(BackupsDialog) is not None)
        dialog = window.findChild(BackupsDialog)
        assert isinstance(dialog, BackupsDialog)
        qtbot.waitExposed(dialog)
        shown = [label.text() for label in dialog.findChildren(QLabel) if label.isVisible()]
        assert [word for text in shown for word in lowercase_starts(text)] == []  # "annotator copies…"
        said = dialog.state.text()
        assert dialog.state.isVisible()
        assert f"The newest copy of p.annotator.db was made {two_days_ago:%Y-%m-%d %H:%M}" in said
        assert "The latest copy" in said and "failed" in said and "No space left on device" in said
        dialog.close()
    finally:
        window.close()


def test_restore_makes_a_new_project_from_the_copy_and_opens_it(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = make_project(tmp_path / "p.annotator.db", TEXTS, analyse=False)
    copy = back_up_if_due(path)
    assert copy is not None
    window = open_window(qtbot, path)
    try:
        article_id = window.project.article_ids()[0]  # type: ignore[union-attr]
        window.project.add_claim(article_id, 0, 26, "factual", annotator="tester")  # type: ignore[union-attr]
        file_action(window, "Restore from a &Backup…").trigger()  # type: ignore[attr-defined]
        qtbot.waitUntil(lambda: window.findChild(BackupsDialog) is not None)
        dialog = window.findChild(BackupsDialog)
        assert isinstance(dialog, BackupsDialog)
        assert dialog.list.topLevelItemCount() == 1
        assert dialog.list.topLevelItem(0).text(0) == "p.annotator.db"  # type: ignore[union-attr]
        proposed: list[str] = []
        restored = tmp_path / "restored.annotator.db"

        def save_as(
            _parent: object, _title: str, start: str, _filter: str, *_options: object
        ) -> tuple[str, str]:
            proposed.append(start)
            return str(restored), ""

        monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
        dialog.open_button.click()
        qtbot.waitUntil(
            lambda: window.project is not None and window.project.path == restored, timeout=20_000
        )
        assert Path(proposed[0]).parent == tmp_path
        assert "(backup " in Path(proposed[0]).name
        assert window.project.claims() == []  # type: ignore[union-attr]
        assert "that project is unchanged" in window.statusBar().currentMessage()
    finally:
        window.close()
    with open_project(path, create=False) as original:
        assert [c.label.value for c in original.claims()] == ["factual"]


def test_a_project_that_will_not_open_points_to_its_copies(qtbot: QtBot, tmp_path: Path) -> None:
    from annotator.core.errors import ProjectFileError

    path = make_project(tmp_path / "p.annotator.db", TEXTS, analyse=False)
    assert back_up_if_due(path) is not None
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # the first page's schema: gone
    path.write_bytes(bytes(data))
    window = open_window(qtbot, None)
    try:
        with pytest.raises(ProjectFileError, match=r"File ▸ Restore from a Backup… has a copy of it from 20"):
            window.open_project(path, create=False)
        assert window.project is None
    finally:
        window.close()


def test_a_path_from_a_crafted_record_is_shown_as_text_not_read_as_markup(
    qtbot: QtBot, tmp_path: Path
) -> None:
    import json

    folder = backups.backups_root() / "crafted"
    folder.mkdir(parents=True)
    (folder / "project.json").write_text(
        json.dumps({"project": '/x/<img src="file:///dev/zero">/p.db'}), "utf-8"
    )
    (folder / "2026-12-01_000000.annotator.db").write_bytes(b"")
    window = open_window(qtbot, None)
    try:
        dialog = BackupsDialog(window)
        qtbot.addWidget(dialog)
        item = dialog.list.topLevelItem(0)
        assert item is not None
        assert item.toolTip(3).startswith("<qt>") and "&lt;img" in item.toolTip(3)
    finally:
        window.close()


def test_return_in_the_list_asks_once_and_a_cancelled_save_keeps_the_dialog(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Return opened the save dialog, and the same Return then closed the backups dialog
    (its default button was Close), even when the save was cancelled."""
    from PySide6.QtCore import Qt

    path = make_project(tmp_path / "p.annotator.db", TEXTS, analyse=False)
    assert back_up_if_due(path) is not None
    window = open_window(qtbot, path)
    try:
        asked: list[str] = []
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (asked.append("save"), ("", ""))[1])
        file_action(window, "Restore from a &Backup…").trigger()  # type: ignore[attr-defined]
        qtbot.waitUntil(lambda: window.findChild(BackupsDialog) is not None)
        dialog = window.findChild(BackupsDialog)
        assert isinstance(dialog, BackupsDialog)
        qtbot.waitExposed(dialog)
        dialog.activateWindow()  # as a window manager does: the keys go to the dialog
        qtbot.waitUntil(dialog.isActiveWindow)
        dialog.list.setFocus()
        qtbot.keyClick(dialog.list, Qt.Key.Key_Return)
        assert asked == ["save"]
        assert dialog.isVisible()  # cancelled: the copies are still listed
        dialog.close()
    finally:
        window.close()


def test_restoring_over_a_file_the_save_dialog_let_replace_says_what_to_do_without_an_option(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The save dialog asked whether to replace a file, and the person who said yes was told to
    "choose another name or pass --force to overwrite it", an option no window has. It asks
    nothing now, since nothing is replaced, and the refusal says what to do."""
    path = make_project(tmp_path / "p.annotator.db", TEXTS, analyse=False)
    assert back_up_if_due(path) is not None
    taken = tmp_path / "notes.annotator.db"
    taken.write_text("the person's notes\n", "utf-8")
    window = open_window(qtbot, path)
    try:
        options: list[object] = []
        monkeypatch.setattr(
            QFileDialog, "getSaveFileName", lambda *a: (options.extend(a[5:]), (str(taken), ""))[1]
        )
        file_action(window, "Restore from a &Backup…").trigger()  # type: ignore[attr-defined]
        qtbot.waitUntil(lambda: window.findChild(BackupsDialog) is not None)
        dialog = window.findChild(BackupsDialog)
        assert isinstance(dialog, BackupsDialog)
        dialog.open_button.click()
        assert options == [QFileDialog.Option.DontConfirmOverwrite]
        qtbot.waitUntil(lambda: window.findChild(QMessageBox, "errorBox") is not None, timeout=20_000)
        box = window.findChild(QMessageBox, "errorBox")
        assert isinstance(box, QMessageBox)
        said = box.text()
        assert said.startswith(f"{taken} already exists; ")
        assert "--" not in said and "choose a name no file has." in said
        assert taken.read_text("utf-8") == "the person's notes\n"
        assert window.project is not None and window.project.path == path
        box.close()
    finally:
        window.close()


def test_a_copy_restored_again_is_proposed_a_name_no_file_has(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A person who restored a copy, worked in it and wanted to start again from the same copy
    was proposed the name of the first restore's file; taking it was refused as "already
    exists". The proposal now is a free name, and the first restore's file is kept as it was."""
    path = make_project(tmp_path / "p.annotator.db", TEXTS, analyse=False)
    assert back_up_if_due(path) is not None
    window = open_window(qtbot, path)
    proposed: list[Path] = []

    def take_the_proposal(_parent: object, _title: str, start: str, *_rest: object) -> tuple[str, str]:
        proposed.append(Path(start))
        return start, ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", take_the_proposal)
    try:
        for time in (1, 2):
            dialog = _restore_dialog(qtbot, window)
            qtbot.waitUntil(dialog.list.hasFocus)
            qtbot.keyClick(dialog.list, Qt.Key.Key_Return)  # the copy chosen first, the newest
            qtbot.waitUntil(lambda n=time: len(proposed) == n)
            qtbot.waitUntil(lambda: window.project is not None and window.project.path == proposed[-1])
            assert window.findChild(QMessageBox, "errorBox") is None
            if time == 1:  # work in the first restore's file, which the second must not touch
                article_id = window.project.article_ids()[0]  # type: ignore[union-attr]
                window.project.add_claim(article_id, 0, 26, "factual", annotator="tester")  # type: ignore[union-attr]
        first, second = proposed
        assert first != second and first.parent == second.parent == tmp_path
        assert second.name.endswith(" 2).annotator.db"), second.name
    finally:
        window.close()
    with open_project(first, create=False) as kept:
        assert [c.label.value for c in kept.claims()] == ["factual"]


def test_a_copy_that_cannot_be_opened_is_said_so_and_the_newest_good_one_is_chosen(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An empty file and one cut short, named as the newest copies (a crash, a sync tool), were
    listed as copies like the good one and the empty one was chosen first: Return led only to
    "is damaged". They are said to be unopenable, and the good copy is the one chosen."""
    path = make_project(tmp_path / "p.annotator.db", TEXTS, analyse=False)
    good = back_up_if_due(path, now=datetime.now() - timedelta(days=2))
    assert good is not None
    folder = good.path.parent
    (folder / "2099-01-02_000000Z.annotator.db").write_bytes(b"")
    cut = good.path.read_bytes()[:5000]
    (folder / "2099-01-01_000000Z.annotator.db").write_bytes(cut)
    window = open_window(qtbot, path)
    proposed: list[str] = []
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda _p, _t, start, *_rest: (proposed.append(start), ("", ""))[1]
    )
    try:
        dialog = _restore_dialog(qtbot, window)
        rows = [dialog.list.topLevelItem(row) for row in range(dialog.list.topLevelItemCount())]
        names = [item.text(0) for item in rows if item is not None]
        assert names == ["p.annotator.db (cannot be opened)"] * 2 + ["p.annotator.db"]
        qtbot.waitUntil(dialog.list.hasFocus)
        qtbot.keyClick(dialog.list, Qt.Key.Key_Return)
        assert [Path(start).name for start in proposed] == [
            f"p (backup {good.taken:%Y-%m-%d %H.%M}).annotator.db"
        ]
        dialog.close()
    finally:
        window.close()


def _folder_boxes(dialog: BackupsDialog) -> list[QMessageBox]:
    return [box for box in dialog.findChildren(QMessageBox, "backupFolderBox") if box.isVisible()]


def test_show_backup_folder_says_where_the_copies_go_when_it_cannot_show_them(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With a file where the folder should be (what the failure box says stops the copies), the
    button raised "File exists" as "Something went wrong"; with no file manager to open the
    folder, it did nothing at all, and a person whose copies were needed never learnt where."""
    from PySide6.QtWidgets import QPushButton

    path = make_project(tmp_path / "p.annotator.db", TEXTS, analyse=False)
    handed = fake_opener(monkeypatch, tmp_path / "bin", 3)  # no file manager answers
    window = open_window(qtbot, path)
    try:
        dialog = _restore_dialog(qtbot, window)
        [button] = [b for b in dialog.findChildren(QPushButton) if b.text() == "Show Backup &Folder"]
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        assert handed_paths(qtbot, handed) == [str(backups.backups_root())]
        qtbot.waitUntil(lambda: len(_folder_boxes(dialog)) == 1)
        [box] = _folder_boxes(dialog)
        assert str(backups.backups_root()) in box.text() and backups.backups_root().is_dir()
        qtbot.keyClick(box, Qt.Key.Key_Escape)
        assert _folder_boxes(dialog) == []

        backups.backups_root().rmdir()
        backups.backups_root().write_text("not a folder", "utf-8")
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        [box] = _folder_boxes(dialog)
        assert handed_paths(qtbot, handed) == [str(backups.backups_root())]  # nothing to show: not handed on
        assert str(backups.backups_root()) in box.text() and "not a folder" in box.text(), box.text()
        box.close()
        dialog.close()
    finally:
        window.close()


def test_a_copy_saved_under_a_name_without_its_ending_gets_the_project_ending(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A name typed as "restored" made a project file called "restored", which the Open dialog,
    listing project files, never showed again; Save a Copy As… adds the ending, as this does."""
    path = make_project(tmp_path / "p.annotator.db", TEXTS, analyse=False)
    assert back_up_if_due(path) is not None
    window = open_window(qtbot, path)
    try:
        # The name as typed, under the filter the dialog showed first, as Qt's dialog answers.
        monkeypatch.setattr(
            QFileDialog, "getSaveFileName", lambda *a: (str(tmp_path / "restored"), a[3].split(";;")[0])
        )
        dialog = _restore_dialog(qtbot, window)
        dialog.open_button.click()
        restored = tmp_path / "restored.annotator.db"
        qtbot.waitUntil(lambda: window.project is not None and window.project.path != path, timeout=20_000)
        assert window.project is not None and window.project.path == restored
        assert not (tmp_path / "restored").exists()
    finally:
        window.close()
    assert restored.is_file()


@pytest.mark.parametrize("spoil", ["cut in half", "not SQLite"])
def test_a_damaged_copy_is_named_by_its_project_and_day_and_another_copy_is_offered(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, spoil: str
) -> None:
    """A copy damaged on the disk was refused as "…/backups/p-1a2b…/2026-12-06_093000.annotator.db
    is damaged… Restore a backup (File ▸ Restore from a Backup…)": the person restoring one was
    sent back where they were, by a file name they had never seen."""
    path = make_project(tmp_path / "p.annotator.db", TEXTS, analyse=False)
    newest = back_up_if_due(path)
    assert newest is not None
    data = newest.path.read_bytes()
    newest.path.write_bytes(data[: len(data) // 2] if spoil == "cut in half" else b"my shopping list\n")
    window = open_window(qtbot, path)
    try:
        target = tmp_path / "restored.annotator.db"
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (str(target), ""))
        dialog = _restore_dialog(qtbot, window)
        dialog.open_button.click()
        qtbot.waitUntil(lambda: window.findChild(QMessageBox, "errorBox") is not None, timeout=20_000)
        box = window.findChild(QMessageBox, "errorBox")
        assert isinstance(box, QMessageBox)
        said = box.text()
        assert said.startswith(f"The copy of p.annotator.db made {newest.taken:%Y-%m-%d %H:%M} is damaged"), (
            said
        )
        assert "Choose another copy" in said and "p.annotator.db itself is not changed" in said
        assert "Restore a backup" not in said and str(backups.backups_root()) not in said
        assert not target.exists() and window.project is not None and window.project.path == path
        box.close()
    finally:
        window.close()


def test_a_copy_made_by_a_newer_version_is_named_by_its_project_and_day_and_says_to_update(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A copy a newer Annotator made (the person went back to an older one) was refused by its
    file deep in the data folder, with "open the file again" once updated: no one opens a copy."""
    import sqlite3
    from contextlib import closing

    path = make_project(tmp_path / "p.annotator.db", TEXTS, analyse=False)
    newest = back_up_if_due(path)
    assert newest is not None
    with closing(sqlite3.connect(newest.path)) as conn:
        [version] = conn.execute("PRAGMA user_version").fetchone()
        conn.execute(f"PRAGMA user_version = {version + 1}")
    window = open_window(qtbot, path)
    try:
        target = tmp_path / "restored.annotator.db"
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (str(target), ""))
        dialog = _restore_dialog(qtbot, window)
        dialog.open_button.click()
        qtbot.waitUntil(lambda: window.findChild(QMessageBox, "errorBox") is not None, timeout=20_000)
        box = window.findChild(QMessageBox, "errorBox")
        assert isinstance(box, QMessageBox)
        said = box.text()
        assert said.startswith(
            f"The copy of p.annotator.db made {newest.taken:%Y-%m-%d %H:%M} was made by a newer version"
        ), said
        assert "Update Annotator and restore that copy again" in said and "itself is not changed" in said
        assert str(backups.backups_root()) not in said and "open the file again" not in said
        assert not target.exists() and window.project is not None and window.project.path == path
        box.close()
    finally:
        window.close()


def test_a_copy_removed_while_the_list_was_open_is_said_to_be_gone(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The daily copy, made a minute after the project opened, removes the oldest copy kept; the
    list opened before it still showed that copy, and restoring it said only "…/backups/p-1a2b…/
    2026-12-03_093000.annotator.db: cannot be read (No such file or directory)"."""
    path = make_project(tmp_path / "p.annotator.db", TEXTS, analyse=False)
    today = datetime.now().replace(microsecond=0)
    for days in (3, 2, 1):
        assert back_up_if_due(path, now=today - timedelta(days=days)) is not None
    window = open_window(qtbot, path)
    try:
        target = tmp_path / "restored.annotator.db"
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (str(target), ""))
        dialog = _restore_dialog(qtbot, window)
        oldest = dialog.backups[-1]
        assert back_up_if_due(path, now=today) is not None  # the day's copy, meanwhile
        assert not oldest.path.exists()
        dialog.list.setCurrentItem(dialog.list.topLevelItem(len(dialog.backups) - 1))
        dialog.open_button.click()
        qtbot.waitUntil(lambda: window.findChild(QMessageBox, "errorBox") is not None, timeout=20_000)
        box = window.findChild(QMessageBox, "errorBox")
        assert isinstance(box, QMessageBox)
        said = box.text()
        assert said.startswith(
            f"The copy of p.annotator.db made {oldest.taken:%Y-%m-%d %H:%M} is no longer kept"
        ), said
        assert "Choose another copy" in said and str(backups.backups_root()) not in said
        assert not target.exists() and window.project is not None and window.project.path == path
        box.close()
    finally:
        window.close()


def test_copies_of_a_lost_project_are_told_from_those_of_the_new_one_at_its_path(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """A project lost and made anew under the same name: the copies of both were listed as
    "p.annotator.db", and the person looking for the lost work could not tell which held it."""
    path = make_project(tmp_path / "p.annotator.db", TEXTS, analyse=False)
    made = datetime.now()
    for days_ago in (3, 2):
        assert back_up_if_due(path, now=made - timedelta(days=days_ago)) is not None
    for gone in (path, *(path.with_name(path.name + s) for s in ("-wal", "-shm", ".lock"))):
        gone.unlink(missing_ok=True)
    new = make_project(path, [("Two", "A new start. Nothing is labelled yet.")], analyse=False)
    assert back_up_if_due(new, now=made - timedelta(days=1)) is not None
    window = open_window(qtbot, new)
    try:
        dialog = _restore_dialog(qtbot, window)
        names = [dialog.list.topLevelItem(row).text(0) for row in range(dialog.list.topLevelItemCount())]  # type: ignore[union-attr]
        earlier = f"p.annotator.db (an earlier project at this path, made {made:%Y-%m-%d})"
        assert names == ["p.annotator.db", earlier, earlier]
        dialog.close()
    finally:
        window.close()


def test_a_new_project_at_a_lost_projects_path_is_not_said_to_be_copied_by_the_lost_ones_copy(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """The lost project's copy of the morning was named the new project's newest copy."""
    path = make_project(tmp_path / "p.annotator.db", TEXTS, analyse=False)
    assert back_up_if_due(path, now=datetime.now() - timedelta(hours=2)) is not None
    for gone in (path, *(path.with_name(path.name + s) for s in ("-wal", "-shm", ".lock"))):
        gone.unlink(missing_ok=True)
    new = make_project(path, [("Two", "A new start. Nothing is labelled yet.")], analyse=False)
    window = open_window(qtbot, new)
    try:
        qtbot.waitUntil(window.daily_backup.waiting)
        dialog = _restore_dialog(qtbot, window)
        assert dialog.state.text().startswith("No copy of p.annotator.db has been made yet."), (
            dialog.state.text()
        )
        dialog.close()
        task = window.daily_backup.back_up_now()  # as the timer does, a minute on
        assert task is not None
        qtbot.waitUntil(lambda: window.daily_backup.task is None, timeout=20_000)
        assert len(backups_of(new)) == 2  # its own copy, made the day it was made
    finally:
        window.close()
