"""Rows the store ignores (a bad cached analysis, suggestion or model), said in the status bar.

The store logs them (`store.project_store.row_warnings`) from whichever thread reads; a
logging handler turns each record into a signal, which Qt delivers in the window's thread.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal


class RowWarnings(QObject):
    """Re-says the store's row warnings as `said(text)` until `detach()` (the window closing)."""

    said = Signal(str)

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        from annotator.services.project import row_warnings

        self._logger = row_warnings
        self._handler = _SignalHandler(self)
        self._logger.addHandler(self._handler)
        # Nothing connected to `destroyed`: a Python slot there runs inside ~QObject. A window
        # deleted without closing leaves a handler that goes quiet at its first record.

    def detach(self) -> None:
        self._logger.removeHandler(self._handler)
        self._handler.close()


class _SignalHandler(logging.Handler):
    """Emits each warning on the target's signal; stops quietly once the target is deleted."""

    def __init__(self, target: RowWarnings) -> None:
        super().__init__(logging.WARNING)
        self._target: RowWarnings | None = target

    def emit(self, record: logging.LogRecord) -> None:
        if self._target is None:
            return
        try:
            self._target.said.emit(record.getMessage())
        except RuntimeError:  # the window is gone
            self._target = None
