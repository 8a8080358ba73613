"""The project as scripts, the CLI and the window use it.

`Project` is the store plus the use cases that combine it with other layers;
opening goes through `open_project` so every caller gets the same checks.
"""

from __future__ import annotations

from pathlib import Path

from annotator.core.commands import AddClaim, DeleteClaim, UpdateClaim
from annotator.core.model import Claim, ClaimLabel
from annotator.store import ImportReport, ProjectStats, ProjectStore

__all__ = ["ImportReport", "Project", "ProjectStats", "discard_project_files", "open_project"]


class Project(ProjectStore):
    """A project file opened for reading and writing; close it (or use `with`) when done."""

    def add_claim(
        self,
        article_id: int,
        start: int,
        end: int,
        label: ClaimLabel | str,
        *,
        annotator: str,
        note: str = "",
    ) -> Claim:
        """Label a span; committed before this returns."""
        command = AddClaim(
            Claim(
                article_id=article_id,
                start=start,
                end=end,
                label=ClaimLabel(label),
                annotator=annotator,
                note=note,
            )
        )
        self.execute(command)
        assert command.created is not None
        return command.created

    def update_claim(
        self, claim_id: int, *, label: ClaimLabel | str | None = None, note: str | None = None
    ) -> Claim:
        self.execute(UpdateClaim(claim_id, label=ClaimLabel(label) if label is not None else None, note=note))
        return self.get_claim(claim_id)

    def delete_claim(self, claim_id: int) -> None:
        self.execute(DeleteClaim(claim_id))

    def __enter__(self) -> Project:
        return self


def open_project(path: str | Path, *, create: bool = True) -> Project:
    """Open a project file, creating it when missing (unless `create=False`).

    Refuses non-SQLite, damaged and newer-schema files with a one-line
    `ProjectFileError`, leaving them untouched.
    """
    return Project(Path(path), create=create)


def discard_project_files(path: str | Path) -> None:
    """Remove a project file and its companions (WAL, shared memory, instance lock).

    Only for a project this process has just created and closed, e.g. when the import
    that was to fill it is rejected; never for a project that holds someone's work.
    """
    path = Path(path)
    for companion in (path, *(path.with_name(path.name + suffix) for suffix in ("-wal", "-shm", ".lock"))):
        companion.unlink(missing_ok=True)
