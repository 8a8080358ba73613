"""The one error tree. Every message lives here so wording stays consistent.

User errors say what went wrong and what to do; environment problems (disk full,
read-only, locked) are told apart from bugs so the UI can phrase them kindly.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from annotator.core.suggestions import TrainingReadiness


def display_path(path: str | Path) -> str:
    """A path as text that can be stored, printed and written anywhere.

    A file name that is not valid UTF-8 comes into Python with surrogate escapes, which
    SQLite, JSON and a UTF-8 report cannot hold; its bad bytes show as U+FFFD instead.
    """
    text = os.fspath(path)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return text


def missing_reason(path: str | Path, what: str = "the path") -> str:
    """Why nothing can be read at `path`, which `Path.exists()` says is not there.

    A symlink that leads nowhere (to a moved file, or round in a loop) is there to `ls`:
    "does not exist; check the path" sent the reader to check a path that was right.
    """
    if os.path.islink(path):
        return "is a symbolic link that leads to no file (its target was moved, or it loops); fix the link"
    return f"does not exist; check {what}"


def folder_that_is_a_file(path: str | Path) -> Path | None:
    """The first of `path`'s folders that is a file (`notes.txt` of `notes.txt/out.jsonl`), if any.

    Such a path was said to be "(Not a directory)" as a whole, and a project to be made there
    "cannot create the folder (File exists)", which reads as the disk's refusal: callers name
    the file instead (`NOT_A_FOLDER`).
    """
    for folder in reversed(Path(os.path.abspath(path)).parents):
        if os.path.lexists(folder) and not os.path.isdir(folder):
            return folder
    return None


NOT_A_FOLDER = "is a file, not a folder; choose another place"


NO_REVIEWER = (
    "adjudication needs a reviewer name; set your name in the review window"
    " (Team ▸ Review Disagreements… asks for it)"
)
"""There is no command-line adjudication: the review window (`ui.review`) is the one place a
reviewer names themselves, with the annotator name as the default."""


RESERVED_ANNOTATOR = "the annotator name 'gold' is kept for reviewers' decisions; label under another name"
"""A person named `gold` (`core.model.is_reserved_annotator`): their labels would count as decisions."""


class AnnotatorError(Exception):
    """Root of every error the app raises on purpose; anything else is a bug."""


class UserError(AnnotatorError):
    """Something the user can fix: a bad file, a bad argument, a missing article."""


class InputFileError(UserError):
    """A file (or one line of it) cannot be imported.

    Carries the path and 1-based line so that every message names where to look.
    """

    def __init__(self, path: str | Path, reason: str, *, line: int | None = None) -> None:
        self.path = display_path(path)
        self.line = line
        self.reason = reason
        where = f"{self.path}:{line}" if line is not None else self.path
        super().__init__(f"{where}: {reason}")


class ProjectFileError(UserError):
    """A project file that we refuse to open (not SQLite, corrupt, too new).

    `hint` is advice the window adds, in sentences (where its backups are, where a file of
    articles goes): it ends the one-line message, and is kept apart so that the window can put
    it in the plain part of its message while the reason goes to the details.
    """

    def __init__(self, path: str | Path, reason: str, *, hint: str = "") -> None:
        self.path = display_path(path)
        self.reason = reason
        self.hint = hint
        super().__init__(f"{self.path}: {reason}. {hint}" if hint else f"{self.path}: {reason}")

    def with_hint(self, hint: str) -> ProjectFileError:
        """The same refusal, of the same kind, with the window's advice (a sentence) added."""
        return type(self)(self.path, self.reason, hint=" ".join(h for h in (self.hint, hint) if h))


class DamagedProjectError(ProjectFileError):
    """A project file with something annotator never writes: a bad row, a changed table, a
    trigger or a view, pages or indexes SQLite finds damaged. The person can only restore a
    backup or hand the file on; the table, row and SQLite's words are for whoever repairs it."""


class NotAProjectError(ProjectFileError):
    """A file that is not an annotator project at all (another program's SQLite file, a text file)."""


class NewerProjectError(ProjectFileError):
    """A project made by a newer annotator, whose schema this version cannot read."""


class UnreachableProjectError(ProjectFileError):
    """A project file SQLite could not open for a reason of the disk or the system ("disk I/O
    error", "unable to open database file"), neither full nor read-only: not damage, and SQLite's
    words are for whoever looks at the disk."""


class NoArticlesFoundError(UserError):
    """An import given no file it reads (an empty folder, say): nothing was imported.

    Its own kind so that the window can say it in its words (`ui.error_text`): the message is
    the command line's."""


class NotEnoughLabelsError(UserError):
    """Too few labelled claims (of some class, or in too few articles) to train and evaluate honestly.

    `readiness` is what training found (None for a refusal of another kind, such as suggesting
    without a model), so the window can say it in its own words; the message is the command
    line's.
    """

    def __init__(self, message: str, *, readiness: TrainingReadiness | None = None) -> None:
        super().__init__(message)
        self.readiness = readiness


class NoModelError(NotEnoughLabelsError):
    """Suggesting before any model was trained: its kind is all the window needs to word it."""


class SpanError(UserError):
    """A span that does not fit its text: out of range, empty, or text mismatch."""


class NotFoundError(UserError):
    """An article, claim or entity id that does not exist (any more)."""

    def __init__(self, message: str, *, row: str | None = None) -> None:
        """`row`: the row an undo or redo found gone, in words ("The claim"), for the window to
        say why it dropped that step (`ui.undo.EditStack`) without the id in `message`."""
        super().__init__(message)
        self.row = row


class EntityGone(NotFoundError):  # noqa: N818 - reads as "raise EntityGone(...)"
    """An undo or redo of an entity decision whose name (its article, span and type) no row
    holds any more: pre-annotation elsewhere no longer finds it, or it was deleted. The window
    says which name in words, and drops that step (with the steps that depended on it,
    `core.commands.dependent_steps`), as for any row deleted or changed elsewhere: the step
    wrote nothing and can never apply, and every other step checks its own rows."""

    def __init__(self, message: str, *, article_id: int, start: int, end: int, label: str) -> None:
        super().__init__(message)
        self.article_id = article_id
        self.start = start
        self.end = end
        self.label = label


class QuoteGone(NotFoundError):  # noqa: N818 - reads as "raise QuoteGone(...)"
    """A redo of a quotation's correction or removal that finds no quotation at its span (its
    article and span): pre-annotation elsewhere no longer finds it, or it was deleted. As
    `EntityGone`, it carries the span for the window to say which quotation in words, and
    why when the article was pre-annotated again since the step."""

    def __init__(self, message: str, *, article_id: int, start: int, end: int) -> None:
        super().__init__(message, row="The quotation")
        self.article_id = article_id
        self.start = start
        self.end = end


class ExportError(UserError):
    """An export that had to stop, e.g. because a span no longer matches its text."""


class NoGoldLabelsError(ExportError):
    """A gold export refused because the gold labels hold no claim, so nothing was written.

    Its own kind so that the window can say it in its words (`ui.error_text`): the message is
    the command line's."""


class ChangedMeanwhile(UserError):  # noqa: N818 - reads as "raise ChangedMeanwhile(...)"
    """What a person edited was saved by someone else (another window) since they began; the
    next save, once they have seen this, replaces it. An undo whose row another writer
    changed since is refused with it, and the file left as it is."""

    def __init__(self, message: str, *, row: str | None = None) -> None:
        """`row`: the row found changed, in words ("The claim"), as `NotFoundError.row`."""
        super().__init__(message)
        self.row = row


class MachineError(AnnotatorError):
    """The machine, not the user or the code: disk full, read-only file, locked database."""


class DiskFullError(MachineError):
    """No space left to commit; nothing already saved is lost."""


class ReadOnlyError(MachineError):
    """The project file or its folder cannot be written."""


class ProjectGoneError(MachineError):
    """The project file left its path while open (its folder deleted, its disk removed) and
    no copy could be put back: a save would reach only the deleted file, lost at the close."""


class CopyInProgress(MachineError):  # noqa: N818 - reads as "raise CopyInProgress(...)"
    """An edit asked while File ▸ Save a Copy As… copies the project from the same connection:
    refused, so the copy is the project as it was when it began and holds no half-saved edit."""


class ProjectLockedError(MachineError):
    """Another process holds a write lock for longer than we are willing to wait."""


class Cancelled(AnnotatorError):  # noqa: N818 - a state, not a failure
    """Long work stopped because the user asked; whatever ran in its transaction is rolled back."""
