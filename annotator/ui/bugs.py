"""What a person is told about a bug: its kind and the log that holds its traceback.

Shared by the window's own actions and the background work, so a crash in an import or a
pre-annotation reads like one in the window, not as an exception's raw message.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox

from annotator.ui.error_text import ErrorText


def bug_message(kind: str) -> str:
    """The line shown for a bug of this kind: the log that holds its traceback, or why none does.

    Naming the log file when it could not be written sent people to a file that is not there.
    The kind (an exception's class name, "KeyError") told an annotator nothing, and the log
    holds it with the traceback; only with no log is it named, for a bug report.
    """
    from annotator.services.logs import log_status

    status = log_status()
    if status.path is not None:
        return QCoreApplication.translate(
            "bugs", "Something went wrong in annotator (not in anything you did). The details are in {0}"
        ).format(status.path)
    return QCoreApplication.translate(
        "bugs",
        "Something went wrong in annotator (not in anything you did). No log could be written: {0}."
        " For a bug report, the error was {1}",
    ).format(status.problem, kind)


def bug_text(kind: str) -> ErrorText:
    """What a message box says of a bug: plain words first, the log (or the error's kind when
    no log is written) behind Show Details…, for whoever sends a bug report.

    A log file's path in the first sentence read as an instruction to open it; the person
    needs to know only that it was not their doing and where the record is, if asked.
    """
    from annotator.services.logs import log_status

    status = log_status()
    said = QCoreApplication.translate(
        "bugs",
        "Something went wrong in annotator (not in anything you did). If it happens again, send "
        "what Show Details… says to whoever looks after annotator.",
    )
    if status.path is not None:
        details = QCoreApplication.translate("bugs", "The details are in {0}").format(status.path)
    else:
        details = QCoreApplication.translate(
            "bugs", "No log could be written: {0}. For a bug report, the error was {1}"
        ).format(status.problem, kind)
    return ErrorText(said, details)


def show_start_failure(kind: str) -> None:
    """Say in a box of its own (there may be no window to put it on) that a bug stopped the
    window's start, the log behind Show Details…; it waits for OK, as the process ends after it.

    Said only on the terminal (`cli`), a start from the desktop's menu (no terminal) or the
    windowed Windows and macOS builds (no console at all) that failed before its window could
    show ended without a word: the person clicked, and nothing came.
    """
    from annotator.services.logs import setup_logging
    from annotator.ui.plain import plain

    setup_logging()  # a failure before the start's logging began: the log is named all the same
    said = bug_text(kind)
    box = QMessageBox(
        QMessageBox.Icon.Critical,
        QCoreApplication.translate("bugs", "Annotator"),
        QCoreApplication.translate(
            "bugs",
            "Annotator could not start. Something went wrong in annotator (not in anything you "
            "did). Send what Show Details… says to whoever looks after annotator.",
        ),
        QMessageBox.StandardButton.Ok,
    )
    box.setObjectName("startFailedBox")
    box.setDetailedText(said.details)
    plain(box)  # the details name the log's path, which may hold a `<`
    box.exec()
    box.deleteLater()
