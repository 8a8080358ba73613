"""How long a refused Ctrl+Z takes to drop its step, and the steps that depended on it, from a
full history. Prints figures; asserts nothing.

    .venv/bin/python benchmarks/bench_undo_drop.py [--steps 1000] [--repeat 5]

A history of `--steps` relabels (`ui.undo.UNDO_LIMIT` at most) over a stand-in project that
saves nothing, so the figure is the stack's own work: finding the dependent steps
(`core.commands.dependent_steps`, every step's `Command.rows`) and, when there are any,
building the stack again from the steps kept (`EditStack._drop_dependents`). The last step's
undo is refused as changed elsewhere, with its claim named by no other step (nothing to drop
but it), by every other step (half the history goes), or by every step (all of it goes).

1,000 steps, 9 runs each on the shared two-core machine: nothing else to drop, median 1.6 ms
(999 steps kept); every other step, 8.5 ms (500 kept: the stack built again); every step,
2.3 ms (none kept). Before, every such refusal cleared the history: 0 steps kept.
"""

from __future__ import annotations

import argparse
import logging
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtWidgets import QApplication  # noqa: E402

from annotator.core.commands import Carried, Change, Command, UpdateClaim  # noqa: E402
from annotator.core.errors import AnnotatorError, ChangedMeanwhile  # noqa: E402
from annotator.core.model import ClaimLabel  # noqa: E402
from annotator.ui.undo import EditStack  # noqa: E402


class _StandIn:
    """The project as the stack sees it: saves succeed, the refused command's undo is refused."""

    def __init__(self) -> None:
        self.refused: Command | None = None

    def execute(self, command: Command, *, carried: Carried | None = None) -> Change:
        return Change(description=command.description)

    def revert(self, command: Command, *, carried: Carried | None = None) -> Change:
        if command is self.refused:
            raise ChangedMeanwhile("The claim was changed elsewhere since", row="The claim")
        return Change(description=command.description)

    def analysed_at(self, article_id: int) -> str | None:
        return None


def _one(steps: int, claim_of: list[int]) -> tuple[float, int]:
    said: list[str] = []

    def on_error(_exc: AnnotatorError, message: str, *, history_kept: bool = False) -> None:
        said.append(message)

    stack = EditStack(lambda *_a, **_k: None, on_error)
    project = _StandIn()
    stack.project = project  # type: ignore[assignment]
    commands = [UpdateClaim(claim_of[index], label=ClaimLabel.OPINION) for index in range(steps)]
    for command in commands:
        stack.run(command)
    project.refused = commands[-1]
    start = time.perf_counter()
    stack.undo()
    elapsed = time.perf_counter() - start
    assert said and "dropped" in said[0], said
    left = stack.count()
    stack.deleteLater()
    return elapsed, left


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--steps", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    QApplication.instance() or QApplication([])
    logging.getLogger("annotator.ui.undo").setLevel(logging.ERROR)  # each drop's warning, not timed
    steps = args.steps
    last = steps - 1
    cases = {
        "no other step on its claim": list(range(steps)),
        "every other step on its claim": [(last - index) % 2 for index in range(steps)],
        "every step on its claim": [0] * steps,
    }
    for name, claim_of in cases.items():
        runs = [_one(steps, claim_of) for _ in range(args.repeat)]
        times = [elapsed for elapsed, _ in runs]
        print(
            f"{steps} steps, {name}: {runs[0][1]} steps left; refused Ctrl+Z "
            f"median {statistics.median(times) * 1000:.1f} ms (min {min(times) * 1000:.1f}, "
            f"max {max(times) * 1000:.1f}) over {args.repeat} runs"
        )


if __name__ == "__main__":
    main()
