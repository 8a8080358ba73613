"""Files dropped on the window are imported into the open project.

The window accepts a drag only of local files and only while a project is open, so the
cursor says at once whether a drop would do anything; what is dropped goes to the import
(`ui.transfers`, built then if it is not yet).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QWidget


class FileDrops(QObject):
    """Watches `window`'s drags: accepts local files while `accepting()`, hands a drop to `dropped`."""

    def __init__(
        self, window: QWidget, accepting: Callable[[], bool], dropped: Callable[[list[Path]], None]
    ) -> None:
        super().__init__(window)
        self._accepting = accepting
        self._dropped = dropped
        window.setAcceptDrops(True)
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.DragEnter and isinstance(event, QDragEnterEvent):
            urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
            if self._accepting() and urls and all(url.isLocalFile() for url in urls):
                event.acceptProposedAction()
            else:
                event.ignore()
            return True
        if event.type() == QEvent.Type.Drop and isinstance(event, QDropEvent):
            paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
            if paths:
                event.acceptProposedAction()
                self._dropped(paths)
            return True
        return False
