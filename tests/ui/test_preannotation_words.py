"""What a pre-annotation says on its way reaches the window: its words as they are, its
label-suggestion steps as `SUGGESTING` (for the status bar), its other training steps as nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator import open_project
from annotator.core.progress import CancelFn, ProgressFn
from annotator.core.suggestions import StepKind, TrainingStep
from annotator.services.preannotate import PreannotateReport
from annotator.ui.subprocess_work import LOADING_MODEL, _with_suggestions
from annotator.ui.transfers import SUGGESTING, suggestions_marked
from tests.ui.conftest import PIPELINE


def test_a_long_articles_parts_reach_the_dialog_and_training_steps_are_marked() -> None:
    """The parts were dropped with the training steps, and the dialog stood at 0% for the
    minutes a long article takes."""

    def work(progress: ProgressFn, _cancel: CancelFn) -> str:
        progress(0, 2, "A long article: part 1 of 3")
        progress(1, 2)
        progress(5, 9, TrainingStep(StepKind.SUGGESTING, 5, 9))
        progress(1, 5, TrainingStep(StepKind.FINAL_FIT))
        return "done"

    heard: list[tuple[int, int, str]] = []
    result = suggestions_marked(work)(
        lambda done, total, message="": heard.append((done, total, message)), lambda: False
    )
    assert result == "done"
    assert heard == [
        (0, 2, "A long article: part 1 of 3"),
        (1, 2, "1 of 2 articles done"),
        (5, 9, SUGGESTING),
        (1, 5, ""),
    ]


def test_the_child_says_the_model_loads_before_it_loads_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The 6-10 s of the load read "Pre-annotating…" alone: the step is said before it begins,
    and only when it happens."""
    from annotator.services import preannotate as preannotating

    path = tmp_path / "p.annotator.db"
    open_project(path).close()
    heard: list[object] = []

    def load(_name: str | None = None) -> object:
        heard.append("loaded")
        return object()

    monkeypatch.setattr(preannotating, "load_pipeline", load)
    monkeypatch.setattr(preannotating, "_kept", {})  # this process loaded none

    def run(_project: object, _pipeline: object) -> PreannotateReport:
        heard.append("ran")
        return PreannotateReport(PIPELINE)

    monkeypatch.setattr("annotator.services.suggestions.refresh_suggestions", lambda *_a, **_k: 0)
    for _run in range(2):
        _with_suggestions(
            path,
            run,
            {"progress": lambda *args: heard.append(args), "cancel": lambda: False},
            lambda: heard.append("stoppable"),
        )
    # The window's worker runs again with the pipeline it loaded: no load, and no word of one.
    assert heard == [(0, 0, LOADING_MODEL), "loaded", "stoppable", "ran", "stoppable", "ran"]
