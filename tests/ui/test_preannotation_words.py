"""What a pre-annotation says on its way reaches the window: its words as they are, its
label-suggestion steps as `SUGGESTING` (for the status bar), its other training steps as nothing."""

from __future__ import annotations

from annotator.core.progress import CancelFn, ProgressFn
from annotator.core.suggestions import StepKind, TrainingStep
from annotator.ui.transfers import SUGGESTING, suggestions_marked


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
    assert heard == [(0, 2, "A long article: part 1 of 3"), (1, 2, ""), (5, 9, SUGGESTING), (1, 5, "")]
