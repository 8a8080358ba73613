"""The training dialog evaluates on a labelled file the user picks, and the panel shows that figure.

Project: NewsSD train.csv sentences; file: the first 20 sentences of NewsSD val.csv
(tests/data/ATTRIBUTION.md). The file dialog is the platform's; the test answers it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt, QThreadPool
from PySide6.QtGui import QScreen
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from annotator.services.project import open_project
from annotator.services.suggestions import current_model
from annotator.ui.elided import plain_tooltip
from annotator.ui.suggestions import TrainDialog
from tests.data.subjectivity import newssd
from tests.ui.conftest import answer_file_dialog, cut_labels, larger_font, open_window

VAL_20 = Path(__file__).parents[1] / "data" / "formats" / "newssd-val-20.csv"


def test_the_dialog_trains_and_shows_the_figure_on_the_chosen_file(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = newssd.make_project(tmp_path / "p.annotator.db")
    asked = answer_file_dialog(monkeypatch, VAL_20)
    pool = QThreadPool()
    dialog = TrainDialog(path, pool)
    qtbot.addWidget(dialog)
    assert (
        dialog.eval_file_label.text() == "the newest articles only" and not dialog.eval_file_clear.isEnabled()
    )
    qtbot.mouseClick(dialog.eval_file_button, Qt.MouseButton.LeftButton)
    assert asked and "*.csv" in asked[0][1] and "*.jsonl" in asked[0][1]
    assert dialog.eval_file_label.text() == "the newest articles and newssd-val-20.csv"
    with qtbot.waitSignal(dialog.trained, timeout=60_000) as blocker:
        qtbot.mouseClick(dialog.train_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.running)
    on_file = blocker.args[0].evaluation.on_file
    assert on_file is not None
    shown = dialog.file_evaluation.text()
    right, total = on_file.right_of() or (0, 0)
    assert shown.startswith(
        f"Checked on newssd-val-20.csv: right on {right} of {total} claims (macro-F1 {on_file.macro_f1:.2f}, "
        "95% interval "
    )
    assert total == 20
    # In points of the percentage shown: "off by 10%" read as a tenth of it.
    points = round((on_file.ece or 0) * 100)
    assert f"The percentage shown is {points} point" in shown and "from how often it was right" in shown
    with open_project(path) as project:
        stored = current_model(project)
        assert stored is not None and stored[1].on_file == on_file
    pool.waitForDone()

    # "No file" goes back to the newest articles alone.
    qtbot.mouseClick(dialog.eval_file_clear, Qt.MouseButton.LeftButton)
    assert dialog.options.eval_file is None and dialog.eval_file_label.text() == "the newest articles only"

    # The panel, where suggestions appear, leads with the check on the file, in plain words.
    window = open_window(qtbot, path, annotator="ana")
    try:
        window.suggestions.dock.show()
        qtbot.waitUntil(lambda: not window.suggestions.panel.loading)  # read in the thread pool
        summary = window.suggestions.panel.summary.text()
        right, total = on_file.right_of() or (-1, -1)
        assert total == 20
        assert summary.startswith(
            f"Checked on newssd-val-20.csv: right on {right} of 20 claims (macro-F1 {on_file.macro_f1:.2f}, "
            "95% interval "
        )
        assert "). Held-out check: right on " in summary
    finally:
        window.close()
        QApplication.processEvents()


def test_a_bad_file_is_named_in_the_dialog_and_nothing_is_saved(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = newssd.make_project(tmp_path / "p.annotator.db")
    bad = tmp_path / "labels.csv"
    bad.write_text("sentence,label\nFine.,OBJ\nHmm.,perhaps\n", encoding="utf-8")
    answer_file_dialog(monkeypatch, bad)
    pool = QThreadPool()
    dialog = TrainDialog(path, pool)
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.eval_file_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(dialog.failed, timeout=60_000) as blocker:
        qtbot.mouseClick(dialog.train_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.running)
    assert "labels.csv:3: the label 'perhaps' is none of" in blocker.args[0]
    assert dialog.status.text() == blocker.args[0] and "\n" not in blocker.args[0]
    with open_project(path) as project:
        assert current_model(project) is None
    pool.waitForDone()


def test_what_the_model_is_evaluated_on_reads_as_one_line_before_the_buttons(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ "newest articles only" stood alone after "Also evaluate on a file…", a stray label: the
    line now reads "Evaluated on: the newest articles only", then the buttons that change it."""
    path = newssd.make_project(tmp_path / "p.annotator.db", labelled=30)
    answer_file_dialog(monkeypatch, VAL_20)
    dialog = TrainDialog(path, QThreadPool())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)

    def left(widget: object) -> int:
        assert isinstance(widget, QWidget) and widget.isVisible()
        return widget.mapTo(dialog, QPoint(0, 0)).x()

    caption = next(label for label in dialog.findChildren(QLabel) if label.text() == "Evaluated on:")
    assert (
        left(caption)
        < left(dialog.eval_file_label)
        < left(dialog.eval_file_button)
        < left(dialog.eval_file_clear)
    )
    assert dialog.eval_file_label.text() == "the newest articles only"
    assert dialog.eval_file_label.width() >= dialog.eval_file_label.sizeHint().width()  # shown whole
    qtbot.mouseClick(dialog.eval_file_button, Qt.MouseButton.LeftButton)
    assert dialog.eval_file_label.text() == "the newest articles and newssd-val-20.csv"
    assert left(dialog.eval_file_label) < left(dialog.eval_file_button)


def test_a_long_file_name_at_twice_the_scale_leaves_every_button_on_the_laptops_screen(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At 200% on a 1366x768 laptop (683x384) with the desktop's text 1.5 times larger, the
    dialog was 713 pixels wide, and a long file name chosen to evaluate on made it as wide as
    the name: No file and Close lay past the screen's right edge. The name now ends in "…"
    where it does not fit, and its tooltip says the whole path."""
    screen = QRect(0, 0, 683, 384)
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: screen)
    named = tmp_path / ("newssd-validation-sentences-checked-by-two-annotators-" * 3 + "20.csv")
    named.write_bytes(VAL_20.read_bytes())
    answer_file_dialog(monkeypatch, named)
    path = newssd.make_project(tmp_path / "p.annotator.db", labelled=30)
    with larger_font(1.5):
        dialog = TrainDialog(path, QThreadPool())
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        qtbot.mouseClick(dialog.eval_file_button, Qt.MouseButton.LeftButton)
        assert dialog.eval_file_label.text() == f"the newest articles and {named.name}"
        assert dialog.eval_file_label.toolTip() == plain_tooltip(str(named))
        QApplication.processEvents()
        # Its size: with no window under it, Qt centres it on the test's real (larger) screen.
        frame = dialog.frameGeometry()
        assert frame.width() <= screen.width() and frame.height() <= screen.height(), frame
        for button in dialog.findChildren(QPushButton):
            if button.isVisibleTo(dialog):
                left = button.mapTo(dialog, QPoint(0, 0)).x()
                assert left >= 0 and left + button.width() <= dialog.width(), button.text()
                assert button.width() >= button.sizeHint().width(), button.text()
        for label in dialog.findChildren(QLabel):
            if label.isVisibleTo(dialog) and label.text() and label is not dialog.eval_file_label:
                # Each label's words whole: on its lines, or its one line as wide as it needs.
                assert label.width() >= label.minimumSizeHint().width(), label.text()
        dialog.reject()


def test_with_a_desktop_s_usual_text_size_the_line_of_what_it_is_evaluated_on_is_whole(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At 11 pt (GNOME's text, 1.25 times the tests' 9 pt) on a 1366x768 laptop the dialog kept
    its 560 pixels and the line read "Evaluated on: the newest artic…", with room on the screen."""
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: QRect(0, 0, 1366, 740))
    path = newssd.make_project(tmp_path / "p.annotator.db", labelled=30)
    with larger_font(1.25):
        dialog = TrainDialog(path, QThreadPool())
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        assert dialog.eval_file_label.text() == "the newest articles only"
        assert dialog.eval_file_label.width() >= dialog.eval_file_label.sizeHint().width()
        assert cut_labels(dialog) == []
        dialog.reject()
