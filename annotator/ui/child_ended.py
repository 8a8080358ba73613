"""The error of a background process that ended without a word, Qt-free.

Its own module because both sides need it: `ui.subprocess_work` raises it, and is imported
by every spawned child; `ui.error_text` words it, and imports Qt. Defined in `error_text`,
it made each child load Qt's core module, whose import hook then slowed every import after
it (spaCy's among them): about a second of each child's start on a busy two-core machine.
"""

from __future__ import annotations

from annotator.core.errors import AnnotatorError


class ChildEndedError(AnnotatorError):
    """The child process ended without a word: killed (`kill -9`, the system short of memory)
    or stopped in compiled code. Its message is the log's; the window words it by `task`
    (`ui.error_text.explain`): "the background preannotate_opened process" was the program's
    name for the work, and "start it again" spoke of work that opening a project had started.

    Not in `ui.subprocess_work`: the window's first paint needs `ui.error_text`, and importing
    that module for this class loaded the background work's modules before it.
    """

    def __init__(self, task: str, exit_code: int | None) -> None:
        super().__init__(
            f"the background {task} process stopped unexpectedly (exit code {exit_code}); "
            "your labels are safe: start it again"
        )
        self.task = task
        self.exit_code = exit_code
