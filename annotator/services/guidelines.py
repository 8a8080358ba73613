"""Labelling guidelines: Markdown kept in the project file, so they travel with the labels.

A project without its own guidelines shows the shipped defaults
(`resources/guidelines/default.md`); saving stores them under the `meta` key
`guidelines`. A merge never copies them: other guidelines are reported as a conflict.
Resetting them to the shipped ones is an edit (`core.commands.SetGuidelines`), one undo step.
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
    return SetGuidelines(shipped, project.get_meta(GUIDELINES_KEY))


def set_guidelines(project: Project, markdown: str, *, was: str | None = None) -> None:
    """Store the guidelines in the project (one transaction).

    `was`, the guidelines as an editor showed them when the person began, is checked against
    the project's in the same transaction: another window on the project (both may save) may
    have saved its own since, and the second save silently replaced the first.

    Held to the rule every open applies to a `meta` row (`store.rows.check_meta_entry`): a
    longer text, or one with a NUL pasted into it, was saved, and the project then refused to
    open ("annotator never writes such a row"), with every label in it.
    """
    if not markdown.strip():
        raise UserError("the guidelines are empty; write some text or keep the defaults")
    if len(markdown) > MAX_META_CHARS:
        raise UserError(
            f"the guidelines are {len(markdown):,} characters long, over the limit of "
            f"{MAX_META_CHARS:,}; shorten them (or link to a longer document) and save again"
        )
    problem = text_problem(markdown)
    if problem is not None:
        raise UserError(f"the guidelines cannot be saved: the text {problem}; remove it and save again")
    store = store_of(project)
    with store.transaction():
        if was is not None and guidelines(project) != was:
            raise ChangedMeanwhile(
                "the guidelines were changed in another window since you began editing; press Save"
                " again to replace them with your text, or Cancel to keep theirs"
            )
        store.set_meta(GUIDELINES_KEY, markdown)
