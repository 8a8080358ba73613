"""What a person is told about a bug: its kind and the log that holds its traceback.

Shared by the window's own actions and the background work, so a crash in an import or a
pre-annotation reads like one in the window, not as an exception's raw message.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def bug_message(kind: str) -> str:
    """The line shown for a bug of this kind: the log that holds its traceback, or why none does.

    Naming the log file when it could not be written sent people to a file that is not there.
    """
    from annotator.services.logs import log_status

    status = log_status()
    if status.path is not None:
        return QCoreApplication.translate("bugs", "Something went wrong ({0}). Details are in {1}").format(
            kind, status.path
        )
    return QCoreApplication.translate(
        "bugs", "Something went wrong ({0}). No log could be written: {1}"
    ).format(kind, status.problem)
