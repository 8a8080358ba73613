"""A file or folder handed to the desktop's file manager, and word of it when none takes it.

On Linux and the BSDs Qt hands a local file to `xdg-open` and counts it opened once the
program has started: on a desktop with no file manager (a bare window manager) `xdg-open`
exits 3, `QDesktopServices.openUrl` had said True, and the box that says where the folder is
never showed, so Help ▸ Open Log Folder did nothing at all. There the opener is run here and
its exit looked at; elsewhere Qt's answer is one to trust.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget

from annotator.ui.plain import plain

log = logging.getLogger(__name__)

CHECKED_OPENER = "xdg-open"
"""The freedesktop opener, whose exit says whether anything took the file."""

LOOK_MS = 200
"""How often a running opener is looked at: it exits in a moment, or runs as long as the file
manager it started in the foreground (then it took the file)."""

_handing: set[_Handing] = set()
"""Openers still running, kept until they exit (a process dropped while it runs is not reaped)."""


class _Handing(QObject):
    """One opener running: says `failed` when it exits other than 0."""

    failed = Signal()

    def __init__(self, process: subprocess.Popen[bytes]) -> None:
        super().__init__()
        self._process = process
        self._timer = QTimer(self)
        self._timer.setObjectName("desktopOpenerWatch")
        self._timer.setInterval(LOOK_MS)
        self._timer.timeout.connect(self._look)
        self._timer.start()

    def _look(self) -> None:
        code = self._process.poll()
        if code is None:
            return
        self._timer.stop()
        _handing.discard(self)
        if code != 0:
            log.info("%s exited %s: nothing took the file", CHECKED_OPENER, code)
            self.failed.emit()


def still_handing() -> bool:
    """Whether an opener started here has not exited yet."""
    return bool(_handing)


def open_in_desktop(path: Path | str, failed: Callable[[], None]) -> bool:
    """Hand `path` to the desktop's file manager; `failed` is called (now or once the opener
    exits) when nothing took it, to say where it is instead.

    `failed` should be a method of the widget that asked: a widget closed before the opener
    exits is not called.
    """
    opener = shutil.which(CHECKED_OPENER) if sys.platform not in ("win32", "darwin") else None
    if opener is None:
        opened = bool(QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))))
        if not opened:
            failed()
        return opened
    try:
        process = subprocess.Popen(
            [opener, str(path)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # the file manager it starts outlives the window
        )
    except OSError as exc:
        log.info("%s could not start: %s", CHECKED_OPENER, exc)
        failed()
        return False
    handing = _Handing(process)
    handing.failed.connect(failed)
    _handing.add(handing)
    return True


def show_where(parent: QWidget, title: str, said: str, name: str) -> QMessageBox:
    """Say where a file or folder is, in a box whose text can be selected to copy the path."""
    box = plain(QMessageBox(QMessageBox.Icon.Information, title, said, parent=parent))
    box.setObjectName(name)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
