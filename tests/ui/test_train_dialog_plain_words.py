"""The Train dialog says how the model did in plain words first, as the Suggestions panel does.

It led with "claims-classifier-1: macro-F1 0.77 (95% interval 0.67–0.85) on 89 held-out claims,
accuracy 0.80", and the file's line with "On the file: macro-F1 …": figures a new annotator
cannot read, with nothing saying what they mean. The panel already said "right on 71 of 89
claims"; the dialog, where the evaluation is shown at length, did not.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QThreadPool
from pytestqt.qtbot import QtBot

from annotator.services.suggestions import TrainOptions, TrainResult
from annotator.ui.suggestions import TrainDialog
from tests.data.subjectivity import newssd


def _write_file(path: Path) -> Path:
    rows = ["sentence,label"]
    rows += [f'"The council approved the budget of {n} million on Tuesday.",OBJ' for n in range(10)]
    rows += [
        f'"This shameful budget number {n} is a disgrace, and we deserve better.",SUBJ' for n in range(10)
    ]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def _shown(
    qtbot: QtBot, tmp_path: Path, pool: QThreadPool, options: TrainOptions | None = None
) -> TrainDialog:
    """The Train dialog on a NewsSD project, shown and ready to train."""
    dialog = TrainDialog(newssd.make_project(tmp_path / "p.db"), pool, options=options)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(dialog.train_button.isEnabled, timeout=10_000)
    return dialog


def _train(qtbot: QtBot, dialog: TrainDialog) -> TrainResult:
    """Train as the person does, by the button, and wait for the dialog to settle."""
    with qtbot.waitSignal(dialog.trained, timeout=60_000) as blocker:
        dialog.train_button.click()
    qtbot.waitUntil(lambda: not dialog.running)
    result: TrainResult = blocker.args[0]
    return result


def test_the_dialog_leads_with_how_many_claims_the_model_got_right(qtbot: QtBot, tmp_path: Path) -> None:
    pool = QThreadPool()
    dialog = _shown(qtbot, tmp_path, pool, TrainOptions(eval_file=_write_file(tmp_path / "val.csv")))
    result = _train(qtbot, dialog)
    evaluation = result.evaluation
    counted = evaluation.right_of()
    assert counted is not None and evaluation.on_file is not None
    right, total = counted
    headline = dialog.headline.text()
    assert headline.startswith(f"Held-out check of {result.model.name}: right on {right} of {total} claims (")
    assert "accuracy" not in headline  # the count says it in words
    assert "Macro-F1 scores that from 0 to 1" in dialog.headline.toolTip()
    file_right, file_total = evaluation.on_file.right_of() or (0, 0)
    assert dialog.file_evaluation.text().startswith(
        f"Checked on val.csv: right on {file_right} of {file_total} claims ("
    )
    assert "Macro-F1 scores that from 0 to 1" in dialog.file_evaluation.toolTip()
    pool.waitForDone()


def test_the_progress_bar_shows_no_figure_until_training_runs(qtbot: QtBot, tmp_path: Path) -> None:
    """A "0%" bar on a dialog not yet started read as training that had stalled."""
    pool = QThreadPool()
    dialog = _shown(qtbot, tmp_path, pool)
    assert not dialog.progress.isTextVisible()
    _train(qtbot, dialog)
    assert dialog.progress.isTextVisible() and dialog.progress.text() == "100%"
    pool.waitForDone()


def test_the_notes_under_the_tables_show_without_scrolling(qtbot: QtBot, tmp_path: Path) -> None:
    """The two tables took the dialog's spare height as empty space, and the note on the label
    the model does not suggest was scrolled out of sight at the dialog's own size."""
    pool = QThreadPool()
    dialog = _shown(qtbot, tmp_path, pool)
    _train(qtbot, dialog)
    assert "does not suggest questionable" in dialog.notes.text()
    qtbot.wait(50)  # the layout after the rows came
    for table in (dialog.scores, dialog.confusion):
        rows = sum(table.rowHeight(row) for row in range(table.rowCount()))
        assert table.height() <= rows + table.horizontalHeader().height() + 8
    visible = dialog.notes.visibleRegion().boundingRect()
    assert visible.height() == dialog.notes.height()  # whole, not cut by the scroll area
    pool.waitForDone()
