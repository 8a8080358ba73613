"""Help ▸ About annotator: what a bug report asks for, copied in one click; the log folder opened."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from annotator import __version__
from annotator.services import paths
from annotator.services.logs import setup_logging
from annotator.ui.about import AboutDialog
from annotator.ui.main_window import MainWindow
from tests.ui.conftest import cut_labels, fake_opener, handed_paths, larger_font, make_project, open_window


def _about(qtbot: QtBot, window: MainWindow) -> AboutDialog:
    help_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Help")
    next(a for a in help_menu.actions() if a.text() == "&About annotator").trigger()
    qtbot.waitUntil(lambda: window.findChild(AboutDialog) is not None)
    dialog = window.findChild(AboutDialog)
    assert isinstance(dialog, AboutDialog)
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def test_about_shows_the_version_the_files_and_copies_them_for_a_bug_report(
    qtbot: QtBot, tmp_path: Path
) -> None:
    project = make_project(tmp_path / "<b>odd</b>.annotator.db", [("One", "Ana said the plan was good.")])
    window = open_window(qtbot, project)
    try:
        dialog = _about(qtbot, window)
        shown = [label.text() for label in dialog.findChildren(QLabel)]
        assert __version__ in shown
        assert str(paths.log_file()) in shown
        path_label = next(label for label in dialog.findChildren(QLabel) if label.text() == str(project))
        assert path_label.textFormat() == Qt.TextFormat.PlainText  # the name's <b> is not markup
        assert any("LGPL" in text for text in shown)
        assert "Annotator: label the claims in news articles, offline." in shown  # not "annotator: …"
        dialog.copy.click()
        copied = QGuiApplication.clipboard().text()
        assert f"annotator: {__version__}" in copied
        assert f"Log file: {paths.log_file()}" in copied
        assert f"Project: {project}" in copied
        dialog.close()
    finally:
        window.close()


def test_copy_details_says_when_nothing_could_be_written_to_the_log(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The bare path of a log never written (a file where its folder goes) sent whoever read the
    bug report to a file that holds nothing of it."""
    root = logging.getLogger()
    monkeypatch.setattr(root, "handlers", list(root.handlers))  # the log's handler, for this test
    monkeypatch.setattr(root, "level", root.level)
    paths.log_dir().parent.mkdir(parents=True, exist_ok=True)
    paths.log_dir().write_text("")
    assert setup_logging() is None
    window = open_window(qtbot, None)
    try:
        dialog = _about(qtbot, window)
        dialog.copy.click()
        copied = QGuiApplication.clipboard().text()
        why = f"{paths.log_dir()} is a file, not a folder"
        assert f"Log file: {paths.log_file()} (nothing written: {why})" in copied
        assert f"{paths.log_file()} (nothing written: {why})" in [
            label.text() for label in dialog.findChildren(QLabel)
        ]
        dialog.close()
    finally:
        window.close()


def test_open_log_folder_makes_it_and_hands_it_to_the_file_manager(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    handed = fake_opener(monkeypatch, tmp_path / "bin", 0)
    assert not paths.log_dir().exists()  # nothing logged yet in this test's home
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    dialog.open_logs.click()
    assert handed_paths(qtbot, handed) == [str(paths.log_dir())]
    assert paths.log_dir().is_dir()
    assert dialog.findChild(QMessageBox, "logFolderBox") is None  # opened: nothing more to say


def test_open_log_folder_says_where_it_is_when_no_file_manager_takes_it(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """On a bare window manager xdg-open exits 3, but Qt counted the folder opened once the
    program had started: the button did nothing, and the box with the path never showed."""
    handed = fake_opener(monkeypatch, tmp_path / "bin", 3)
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    dialog.open_logs.click()
    assert handed_paths(qtbot, handed) == [str(paths.log_dir())]
    qtbot.waitUntil(lambda: dialog.findChild(QMessageBox, "logFolderBox") is not None)
    box = dialog.findChild(QMessageBox, "logFolderBox")
    assert box.isVisible() and box.text() == f"The log folder is {paths.log_dir()}"
    assert box.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse  # to copy
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    assert not box.isVisible()


def test_with_twice_the_text_size_on_a_laptop_it_fits_the_screen_and_shows_the_paths_whole(
    qtbot: QtBot, tmp_path: Path, laptop_screen: QRect
) -> None:
    """Kept 640 pixels wide whatever the text's size, at twice the desktop's font on a 1366x768
    laptop the dialog was 806 pixels tall, its Close and Copy Details buttons below the screen's
    edge, and the settings', the log's and the project's paths lost their last lines (the file
    names a bug report asks for)."""
    project = make_project(tmp_path / "one.annotator.db", [("One", "Ana said the plan was good.")])
    with larger_font(2):
        window = open_window(qtbot, project)
        try:
            dialog = _about(qtbot, window)
            qtbot.waitExposed(dialog)
            assert laptop_screen.contains(dialog.frameGeometry())
            assert cut_labels(dialog) == []
            assert dialog.rect().contains(dialog.copy.geometry().translated(dialog.copy.parentWidget().pos()))
            dialog.close()
        finally:
            window.close()


def test_a_dialog_closed_before_the_opener_answers_is_not_spoken_to(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The opener may answer after the About box has gone: nothing is said, and nothing raised."""
    handed = fake_opener(monkeypatch, tmp_path / "bin", 3)
    slow = (tmp_path / "bin" / "xdg-open").read_text("utf-8").replace("exit 3", "sleep 0.5\nexit 3")
    (tmp_path / "bin" / "xdg-open").write_text(slow, "utf-8")
    dialog = AboutDialog()
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    dialog.open_logs.click()
    with qtbot.waitSignal(dialog.destroyed):
        dialog.close()
    assert handed_paths(qtbot, handed) == [str(paths.log_dir())]
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
