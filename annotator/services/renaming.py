"""Renaming a person in a project: one person under two names ("alice" on one laptop, "Alice K"
on another) counted as two in agreement, the dashboard and exports, with no way to make them one.

The new name meets the rule of every place that takes a name (`core.settings.annotator_name_problem`);
the rename itself is one edit (`core.commands.RenameAnnotator`), saved in one transaction and
taken back by one undo.
"""

from __future__ import annotations

from annotator.core.commands import PersonRenamed, RenameAnnotator
from annotator.core.errors import UserError
from annotator.core.model import GOLD_ANNOTATOR
from annotator.core.settings import (
    MAX_NAME_CHARS,
    NameProblem,
    NameRefusal,
    annotator_name,
    annotator_name_problem,
)
from annotator.services.project import Project


def people(project: Project) -> list[str]:
    """The names a rename may pick: everyone who labelled (or once did) and every reviewer,
    `gold` aside (the reviewers' decisions, no person)."""
    return sorted((set(project.annotators()) | set(project.reviewers())) - {GOLD_ANNOTATOR})


def refusal_text(refusal: NameRefusal, typed: str) -> str:
    """Why `typed` cannot be a person's new name, in plain words (the command line's)."""
    if refusal.problem is NameProblem.RESERVED:
        return f"{typed!r} reads as 'gold', the name kept for reviewers' decisions; choose another name"
    if refusal.problem is NameProblem.TOO_LONG:
        return (
            f"a name is at most {MAX_NAME_CHARS} characters long; {len(annotator_name(typed)):,} were given"
        )
    if refusal.problem is NameProblem.CONTROL:
        return "a name is one line: it cannot hold a line break, a tab or another control character"
    if refusal.problem is NameProblem.EMPTY:
        return "the new name is blank; give the person's name or initials"
    return f"the new name {refusal.detail}"


def renaming(project: Project, old: str, new: str) -> RenameAnnotator:
    """The edit that renames person `old` to `new` (saved as the new name is typed, without the
    spaces around it); a `UserError` saying why not when it cannot be made.

    `old` is matched as stored, then as the window would take it typed ("alice " is alice).
    """
    known = people(project)
    if old not in known:
        typed = annotator_name(old)
        if old == GOLD_ANNOTATOR or typed == GOLD_ANNOTATOR:
            raise UserError(
                "'gold' holds the reviewers' decisions, not a person's labels; it cannot be renamed"
            )
        if typed not in known:
            listed = ", ".join(known) if known else "nobody yet"
            raise UserError(f"nobody is named {old!r} in {project.path.name}; its people are: {listed}")
        old = typed
    refusal = annotator_name_problem(new)
    if refusal is not None:
        raise UserError(refusal_text(refusal, new))
    new = annotator_name(new)
    if new == old:
        raise UserError(f"{old!r} has that name already; nothing to rename")
    return RenameAnnotator(old, new)


def rename_annotator(project: Project, old: str, new: str) -> PersonRenamed:
    """Rename person `old` to `new` throughout the project, in one committed transaction."""
    command = renaming(project, old, new)
    project.execute(command)
    assert command.done is not None
    return command.done
