"""A save dialog whose proposed file name follows the file type picked in it.

`QFileDialog.getSaveFileName` offers no way to act while it is open, so a name proposed for
one type ("news-prodigy.jsonl") stayed when the person picked another: the doccano file went
to the Prodigy file's name, or Qt's own dialog swapped only the suffix ("news-prodigy.csv").
A `QFileDialog` object tells of the pick (`filterSelected`) and takes a new name
(`selectFile`); it is the platform's native dialog as the static call was.

Tests stand in for the whole dialog by replacing `ask_save_path` (as they replace
`QFileDialog.getSaveFileName` elsewhere): it takes the same leading arguments.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

Renamer = Callable[[str, str, str], str]
"""(file name, filter it was named for, filter picked) -> the file name to show."""


def ask_save_path(
    parent: QWidget | None,
    caption: str,
    proposed: str,
    filters: str,
    selected_filter: str = "",
    *,
    rename: Renamer | None = None,
) -> tuple[str, str]:
    """(path chosen, filter chosen) as `QFileDialog.getSaveFileName` answers; ("", "") if cancelled.

    `rename` gives the name to show when the person picks another filter; it is told the name
    then in the dialog (typed or proposed), so a name the person typed is theirs to keep.
    """
    proposed_path = Path(proposed)
    dialog = QFileDialog(parent, caption)
    try:
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
        dialog.setNameFilters(filters.split(";;"))
        if selected_filter:
            dialog.selectNameFilter(selected_filter)
        dialog.setDirectory(str(proposed_path.parent))
        dialog.selectFile(proposed_path.name)
        shown = {"filter": dialog.selectedNameFilter(), "name": proposed_path.name}

        def follow(picked: str) -> None:
            typed = dialog.selectedFiles()
            # A native dialog may not say what is typed before it closes: the name last shown.
            name = Path(typed[0]).name if typed and typed[0] else shown["name"]
            if rename is not None:
                renamed = rename(name, shown["filter"], picked)
                if renamed != name:
                    dialog.selectFile(renamed)
                name = renamed
            shown.update(filter=picked, name=name)

        dialog.filterSelected.connect(follow)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return "", ""
        chosen = dialog.selectedFiles()
        return (chosen[0] if chosen else ""), dialog.selectedNameFilter()
    finally:
        dialog.deleteLater()
