"""The training dialog remembers, per project, the evaluation file last chosen.

Project: NewsSD train.csv sentences; file: the first 20 sentences of NewsSD val.csv
(tests/data/ATTRIBUTION.md), copied into the test's folder so a test can delete it.
The file dialog is the platform's; the test answers it. The settings live under the
test's own ANNOTATOR_HOME (tests/conftest.py), so "reopen" includes a new window that
reads them from disk.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from annotator.core.settings import Settings
from annotator.services.paths import settings_file
from annotator.services.settings import load_settings
from annotator.ui.elided import plain_tooltip
from annotator.ui.main_window import MainWindow
from annotator.ui.suggestions import TrainDialog
from tests.data.subjectivity import newssd
from tests.ui.conftest import answer_file_dialog

VAL_20 = Path(__file__).parents[1] / "data" / "formats" / "newssd-val-20.csv"


def _copy(folder: Path, name: str = "val-20.csv") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return Path(shutil.copyfile(VAL_20, folder / name))


def _window(qtbot: QtBot, path: Path, settings: Settings | None = None) -> MainWindow:
    window = MainWindow(settings if settings is not None else Settings(annotator="ana"))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.open_project(path)
    return window


def _open_dialog(window: MainWindow) -> TrainDialog:
    dialog = window.suggestions.open_train_dialog()
    assert dialog is not None
    return dialog


def _close(window: MainWindow) -> None:
    window.close()
    QApplication.processEvents()


def test_a_chosen_file_is_shown_and_used_after_reopening(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = newssd.make_project(tmp_path / "p.annotator.db")
    chosen = _copy(tmp_path / "eval")
    answer_file_dialog(monkeypatch, chosen)
    window = _window(qtbot, path)
    try:
        dialog = _open_dialog(window)
        assert dialog.eval_file_label.text() == "the newest articles only"
        qtbot.mouseClick(dialog.eval_file_button, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
        again = _open_dialog(window)
        assert again is not dialog
        assert (
            again.eval_file_label.text() == "the newest articles and val-20.csv"
            and again.eval_file_clear.isEnabled()
        )
        assert again.options.eval_file == chosen
        # Which folder: the full path on hover, shown as it is (a path may look like markup).
        assert again.eval_file_label.toolTip() == plain_tooltip(str(chosen))
        assert "remembered" not in again.status.text()
        again.reject()
    finally:
        _close(window)

    # A new window, reading the settings from disk, trains with the remembered file.
    assert load_settings().eval_file_for(str(path.resolve())) == str(chosen)
    window = _window(qtbot, path, load_settings())
    try:
        dialog = _open_dialog(window)
        assert dialog.eval_file_label.text() == "the newest articles and val-20.csv"
        with qtbot.waitSignal(dialog.trained, timeout=60_000) as blocker:
            qtbot.mouseClick(dialog.train_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not dialog.running)
        on_file = blocker.args[0].evaluation.on_file
        assert on_file is not None and on_file.n_eval == 20
        assert "Checked on val-20.csv: right on " in dialog.file_evaluation.text()
        dialog.reject()
        window.suggestions.pool.waitForDone()
    finally:
        _close(window)


def test_no_file_is_remembered(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = newssd.make_project(tmp_path / "p.annotator.db")
    answer_file_dialog(monkeypatch, _copy(tmp_path / "eval"))
    window = _window(qtbot, path)
    try:
        dialog = _open_dialog(window)
        qtbot.mouseClick(dialog.eval_file_button, Qt.MouseButton.LeftButton)
        dialog.reject()
        dialog = _open_dialog(window)
        assert dialog.eval_file_label.text() == "the newest articles and val-20.csv"
        qtbot.mouseClick(dialog.eval_file_clear, Qt.MouseButton.LeftButton)
        dialog.reject()
        dialog = _open_dialog(window)
        assert dialog.eval_file_label.text() == "the newest articles only"
        assert dialog.options.eval_file is None and not dialog.eval_file_clear.isEnabled()
        assert window.settings.eval_files == ()
        dialog.reject()
    finally:
        _close(window)
    assert load_settings().eval_files == ()


def test_a_remembered_file_that_is_gone_is_named_and_the_newest_articles_are_used(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = newssd.make_project(tmp_path / "p.annotator.db")
    chosen = _copy(tmp_path / "eval")
    asked = answer_file_dialog(monkeypatch, chosen)
    window = _window(qtbot, path)
    try:
        dialog = _open_dialog(window)
        qtbot.mouseClick(dialog.eval_file_button, Qt.MouseButton.LeftButton)
        dialog.reject()
        chosen.unlink()
        dialog = _open_dialog(window)
        assert dialog.eval_file_label.text() == "the newest articles only"
        assert dialog.options.eval_file is None and not dialog.eval_file_clear.isEnabled()
        assert dialog.status.text() == (
            f"The evaluation file remembered for this project, {chosen}, is gone, "
            "so training uses the newest articles only."
        )
        # The file dialog still starts in the remembered file's folder.
        qtbot.mouseClick(dialog.eval_file_button, Qt.MouseButton.LeftButton)
        assert asked[-1][0] == str(chosen.parent)
        dialog.reject()

        # A folder where the file was is not a regular file either.
        chosen.mkdir()
        dialog = _open_dialog(window)
        assert dialog.eval_file_label.text() == "the newest articles only"
        assert f"{chosen}, is gone" in dialog.status.text()
        dialog.reject()
    finally:
        _close(window)


@pytest.mark.parametrize(
    "value",
    [
        "not a list",
        {"a": "b"},
        [["KEY", 5]],
        [["KEY", "relative/val.csv"]],
        [["KEY", "/nul\u0000byte.csv"]],
        [["KEY"]],
        [None, "KEY", ["KEY", "FILE", "extra"]],
    ],
)
def test_a_corrupted_settings_value_means_no_file_and_a_choice_still_works(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, value: object
) -> None:
    path = newssd.make_project(tmp_path / "p.annotator.db")
    chosen = _copy(tmp_path / "eval")
    key = str(path.resolve())
    text = json.dumps({"version": 2, "annotator": "ana", "eval_files": value})
    text = text.replace('"KEY"', json.dumps(key)).replace('"FILE"', json.dumps(str(chosen)))
    settings_file().parent.mkdir(parents=True, exist_ok=True)
    settings_file().write_text(text, encoding="utf-8")
    answer_file_dialog(monkeypatch, chosen)
    window = _window(qtbot, path, load_settings())
    try:
        dialog = _open_dialog(window)
        assert (
            dialog.eval_file_label.text() == "the newest articles only" and dialog.options.eval_file is None
        )
        assert "remembered" not in dialog.status.text()
        qtbot.mouseClick(dialog.eval_file_button, Qt.MouseButton.LeftButton)
        dialog.reject()
        dialog = _open_dialog(window)
        assert dialog.options.eval_file == chosen
        dialog.reject()
    finally:
        _close(window)
    assert load_settings().eval_files == ((key, str(chosen)),)


def test_two_projects_keep_their_own_files(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = newssd.make_project(tmp_path / "one" / "p.annotator.db")
    second = newssd.make_project(tmp_path / "two" / "p.annotator.db")
    file_one, file_two = _copy(tmp_path / "eval", "one.csv"), _copy(tmp_path / "eval", "two.csv")
    window = _window(qtbot, first)
    try:
        answer_file_dialog(monkeypatch, file_one)
        dialog = _open_dialog(window)
        qtbot.mouseClick(dialog.eval_file_button, Qt.MouseButton.LeftButton)
        dialog.reject()
        window.open_project(second)
        dialog = _open_dialog(window)
        assert dialog.eval_file_label.text() == "the newest articles only"
        answer_file_dialog(monkeypatch, file_two)
        qtbot.mouseClick(dialog.eval_file_button, Qt.MouseButton.LeftButton)
        dialog.reject()
        window.open_project(first)
        dialog = _open_dialog(window)
        assert dialog.options.eval_file == file_one
        dialog.reject()
        window.open_project(second)
        dialog = _open_dialog(window)
        assert dialog.options.eval_file == file_two
        dialog.reject()
    finally:
        _close(window)
