"""The file dialog of File ▸ Merge Project Files…, which does not list the open project.

The dialog opens beside the team file, where the annotators' files are usually put, so the
team file itself was listed among them (and its links too): picked with the others, it was
refused only once the dialog had closed, and the other picks with it. Qt's own dialog leaves
out every file that is the open project (by the file's identity, not its name: a link, a hard
link, "./x/../team.db"); a platform's native dialog lists what it lists, and the window refuses
the open project there as the dialog closes (`TeamFeature.merge`).

A `QFileDialog` object, not a subclass: a subclass is never the native dialog, and the static
call was native where the platform has one. Tests stand in for the whole dialog by replacing
`ask_merge_paths` (as they replace `QFileDialog.getOpenFileNames` elsewhere).
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QDialog, QFileDialog, QFileSystemModel, QLineEdit, QWidget


class LeaveOutFile(QSortFilterProxyModel):
    """Every row but the files that are `left_out` (through links and hard links)."""

    def __init__(self, left_out: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        try:
            self._left_out: os.stat_result | None = os.stat(left_out)
        except OSError:
            self._left_out = None  # nothing there to leave out

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorted by the file system model, folders first as in the dialog without a proxy
        (the proxy's own sort put the "people" folder after alice.db and bob.db)."""
        source = self.sourceModel()
        if source is not None:
            source.sort(column, order)

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        source = self.sourceModel()
        if self._left_out is None or not isinstance(source, QFileSystemModel):
            return True
        index = source.index(source_row, 0, source_parent)
        if source.isDir(index):
            return True
        try:
            return not os.path.samestat(os.stat(source.filePath(index)), self._left_out)
        except OSError:
            return True  # gone, or unreadable: the dialog shows it as it would


def ask_merge_paths(
    parent: QWidget | None, caption: str, directory: str, filters: str, *, open_project: Path
) -> tuple[list[str], str]:
    """(paths chosen, filter chosen) as `QFileDialog.getOpenFileNames` answers; ([], "") if cancelled."""
    dialog = QFileDialog(parent, caption)
    try:
        dialog.setObjectName("mergeFiles")
        dialog.setProxyModel(LeaveOutFile(open_project, dialog))  # Qt's own dialog only
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
        dialog.setNameFilters(filters.split(";;"))
        dialog.setDirectory(directory)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return [], ""
        return typed_names(dialog) or dialog.selectedFiles(), dialog.selectedNameFilter()
    finally:
        dialog.deleteLater()


def typed_names(dialog: QFileDialog) -> list[str]:
    """The files typed as `"alice.db" "bob.db"` in Qt's own dialog, each as a whole path.

    With a proxy model, Qt's dialog matches each typed name against the list's rows by
    comparing the proxy's indexes with the file system model's, which never match, so every
    keystroke toggled the earlier names' rows: typing three annotators' files merged one
    (seen on X11). The names typed are read here as Qt reads them (quoted, relative to the
    folder shown); empty for a native dialog, or one name typed, which Qt answers rightly.
    """
    edit = dialog.findChild(QLineEdit, "fileNameEdit")  # the name in Qt's own dialog's form
    if edit is None or edit.text().count('"') < 4:
        return []
    folder = Path(dialog.directory().absolutePath())
    names = edit.text().split('"')[1::2]  # every other piece is a separator
    return [str(folder / os.path.expanduser(name)) for name in names if name.strip()]
