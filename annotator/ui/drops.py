"""Files dropped on the window: imported into the open project, or a project file opened.

The window accepts a drag only of local files, so the cursor says at once that a page dragged
from a browser would do nothing; what a drop of files does is the window's (`MainWindow.files_dropped`).
It took them only while a project was open: a project file dragged onto "No project is open"
was refused by the cursor, and nothing said why.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QWidget


class FileDrops(QObject):
    """Watches `window`'s drags: accepts local files, hands a drop to `dropped`."""

    def __init__(self, window: QWidget, dropped: Callable[[list[Path]], None]) -> None:
        super().__init__(window)
        self._dropped = dropped
        window.setAcceptDrops(True)
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.DragEnter and isinstance(event, QDragEnterEvent):
            urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
            if urls and all(url.isLocalFile() for url in urls):
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
