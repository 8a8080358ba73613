"""Labelling guidelines: Markdown kept in the project file, so they travel with the labels.

A project without its own guidelines shows the shipped defaults
(`resources/guidelines/default.md`); saving stores them under the `meta` key
`guidelines`. A merge never copies them: other guidelines are reported as a conflict.
Saving the editor's text and resetting them to the shipped ones are edits
(`core.commands.SetGuidelines`), one undo step each.
"""

from __future__ import annotations

from annotator.core.commands import GUIDELINES_META, SetGuidelines
from annotator.core.errors import ChangedMeanwhile, UserError
from annotator.core.limits import MAX_META_CHARS
from annotator.core.model import ClaimLabel
from annotator.core.validate import text_problem
from annotator.services.paths import resources_dir
from annotator.services.project import Project, store_of

GUIDELINES_KEY = GUIDELINES_META

_FALLBACK = "# Labelling guidelines\n\n" + "".join(
    f"- **{label.text}**: {label.meaning}\n" for label in ClaimLabel
)


def default_guidelines() -> str:
    """The shipped guidelines; a short fallback if the resource file is missing from a bundle."""
    path = resources_dir() / "guidelines" / "default.md"
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return _FALLBACK


def guidelines(project: Project) -> str:
    """The project's guidelines, or the defaults when it has none yet."""
    stored = project.get_meta(GUIDELINES_KEY)
    return stored if stored else default_guidelines()


def has_own_guidelines(project: Project) -> bool:
    return bool(project.get_meta(GUIDELINES_KEY))


def are_shipped(project: Project) -> bool:
    """Whether the project shows the shipped guidelines (its own none, or the same text)."""
    return guidelines(project) == default_guidelines()


RESET_GUIDELINES = "Reset the guidelines to the shipped ones"
"""What Reset to Shipped Guidelines… is called on the window's history."""


def resetting_guidelines(project: Project, *, was: str | None = None) -> SetGuidelines:
    """The edit that makes the shipped guidelines the project's, one step Ctrl+Z takes back
    (`Project.execute` or the window's undo stack saves it in one transaction).

    `was`, the guidelines as the person saw them, is checked as `set_guidelines` checks it:
    guidelines another window saved meanwhile are not thrown away unseen.
    """
    if was is not None and guidelines(project) != was:
        raise ChangedMeanwhile(
            "the guidelines were changed in another window since you last saw them; read them in"
            " the Guidelines panel, then reset again if you still want the shipped ones"
        )
    shipped = default_guidelines()
    if guidelines(project) == shipped:
        raise UserError("the guidelines are the shipped ones already; there is nothing to reset")
    return SetGuidelines(shipped, project.get_meta(GUIDELINES_KEY), description=RESET_GUIDELINES)


def _refused(markdown: str) -> UserError | None:
    """Why the project refuses `markdown` as its guidelines, held to the rule every open applies
    to a `meta` row (`store.rows.check_meta_entry`): a longer text, or one with a NUL pasted into
    it, was saved, and the project then refused to open ("annotator never writes such a row"),
    with every label in it. None: it may be saved."""
    if not markdown.strip():
        return UserError("the guidelines are empty; write some text or keep the defaults")
    if len(markdown) > MAX_META_CHARS:
        return UserError(
            f"the guidelines are {len(markdown):,} characters long, over the limit of "
            f"{MAX_META_CHARS:,}; shorten them (or link to a longer document) and save again"
        )
    problem = text_problem(markdown)
    if problem is not None:
        return UserError(f"the guidelines cannot be saved: the text {problem}; remove it and save again")
    return None


_CHANGED_WHILE_EDITING = (
    "the guidelines were changed in another window since you began editing; press Save"
    " again to replace them with your text, or Cancel to keep theirs"
)

EDIT_GUIDELINES = "Edit guidelines"
"""What the editor's Save is called on the window's history ("Undo edit guidelines")."""


def editing_guidelines(project: Project, markdown: str, *, was: str) -> SetGuidelines | None:
    """The edit that saves the editor's `markdown` as the project's guidelines, one step
    Ctrl+Z takes back (`Project.execute` or the window's undo stack saves it in one
    transaction); None when they are the guidelines shown already, which is no step.

    Save wrote them past the history: the saved text could not be taken back, and a Reset…
    before it could no longer be undone either, refused as "changed in another window", since
    its undo found a text it had not left. `was`, the guidelines as the editor showed them when
    the person began, is checked as `set_guidelines` checks it; the step itself checks the row
    again in its transaction (`SetGuidelines`).
    """
    refused = _refused(markdown)
    if refused is not None:
        raise refused
    now = guidelines(project)
    if now != was:
        raise ChangedMeanwhile(_CHANGED_WHILE_EDITING)
    if markdown == now:
        return None
    return SetGuidelines(markdown, project.get_meta(GUIDELINES_KEY), description=EDIT_GUIDELINES)


def set_guidelines(project: Project, markdown: str, *, was: str | None = None) -> None:
    """Store the guidelines in the project (one transaction), outside any undo history (a
    script's, a test's); the window saves them with `editing_guidelines`.

    `was`, the guidelines as an editor showed them when the person began, is checked against
    the project's in the same transaction: another window on the project (both may save) may
    have saved its own since, and the second save silently replaced the first. The text is held
    to the rule of `_refused`.
    """
    refused = _refused(markdown)
    if refused is not None:
        raise refused
    store = store_of(project)
    with store.transaction():
        if was is not None and guidelines(project) != was:
            raise ChangedMeanwhile(_CHANGED_WHILE_EDITING)
        store.set_meta(GUIDELINES_KEY, markdown)
