"""Saving an edit while another program holds the project's write lock.

SQLite lets one connection write at a time. Another window's label holds the lock for
milliseconds, but a merge into the team file or a large import holds it for the whole run,
and the window's save waited on its own thread for up to ten seconds (the store's busy
timeout): a grey window that took no key and painted nothing, then "try again", the label
gone. The window's connection now waits `UI_BUSY_MS`; past that, a small dialog says what
is happening and the save is tried again every `RETRY_MS` (each try waiting only
`RETRY_BUSY_MS`), the window painting meanwhile, until it is saved or the person cancels.

The dialog is modal and the edit's caller waits for its result, as it did for the save: what
the key does next (the selection moving to the next candidate, the undo history) follows a
save that happened, and no other key makes an edit from a view that lacks the waiting one.

Its Cancel and Escape stop at once, however long the wait has run, where long work asks
first once it has run two seconds (`ui.task_runner.StopAsker`): that question guards work
done, which a stop throws away, and a wait does none. A cancelled wait loses nothing but
the save itself, and each caller keeps what it was saving for one more try (the label's
text stays selected, the guidelines stay in their editor, the model stays chosen); a
question would only hold the window's keys one dialog longer.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QLabel, QProgressBar, QProgressDialog, QWidget

from annotator.core.errors import ProjectLockedError
from annotator.services.project import Project
from annotator.ui.task_runner import disarm_cancel_keys

T = TypeVar("T")

UI_BUSY_MS = 400
"""How long the window's thread waits for another connection's write lock at a save."""
RETRY_MS = 250
RETRY_BUSY_MS = 20


def save_when_free(parent: QWidget, project: Project, attempt: Callable[[], T], *, what: str) -> T:
    """`attempt()` (a save); while another program holds the write lock, tried again from a
    dialog the person may cancel. Raises `ProjectLockedError` saying `what` was not saved
    if they cancel; any other error of an attempt as it came."""
    try:
        return attempt()
    except ProjectLockedError:
        pass
    tr = QCoreApplication.translate
    dialog = QProgressDialog(
        tr(
            "lock_wait",
            "Waiting to save ({0}): another program is writing to this project, a merge or an "
            "import perhaps. Your edit is saved as soon as it has finished.",
        ).format(what),
        tr("lock_wait", "Cancel"),
        0,
        0,
        parent,
    )
    words = QLabel(dialog.labelText())
    words.setWordWrap(True)  # one line the width of the screen otherwise
    words.setTextFormat(Qt.TextFormat.PlainText)
    dialog.setLabel(words)
    dialog.setObjectName("waitingToSave")
    dialog.setWindowTitle(tr("lock_wait", "Waiting to save"))
    bar = dialog.findChild(QProgressBar)
    if bar is not None:
        bar.setAccessibleName(dialog.windowTitle())  # Orca said "progress bar, busy" and no more
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(0)
    dialog.setAutoReset(False)
    # It shows after UI_BUSY_MS of a window that took no key: the keys typed meanwhile (the
    # next label, Space to go on) came to it, and a focused Cancel dropped the edit. Only a
    # click or Escape cancels.
    disarm_cancel_keys(dialog)
    done: list[T] = []
    failed: list[Exception] = []

    def retry() -> None:
        project.set_busy_timeout(RETRY_BUSY_MS)
        try:
            done.append(attempt())
        except ProjectLockedError:
            return
        except Exception as exc:  # raised to the caller, as a save's error is
            failed.append(exc)
        finally:
            project.set_busy_timeout(UI_BUSY_MS)
        dialog.accept()

    timer = QTimer(dialog)
    timer.setInterval(RETRY_MS)
    timer.timeout.connect(retry)
    dialog.canceled.connect(dialog.reject)
    timer.start()
    try:
        dialog.exec()
    finally:
        timer.stop()
        dialog.deleteLater()
    if failed:
        raise failed[0]
    if done:
        return done[0]
    raise ProjectLockedError(
        tr(
            "lock_wait",
            "Not saved: {0}. Another program is still writing to {1}; do it again when it has finished.",
        ).format(what, project.path.name)
    )
