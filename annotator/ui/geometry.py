"""Where the window was and how its splitter was set, kept between runs.

Geometry lives in an INI file beside settings.json (QSettings only for geometry;
paths come from `services.paths`), never in the typed settings.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QMainWindow, QSplitter

from annotator.services import paths

DEFAULT_SIZE = (1400, 860)


def window_settings() -> QSettings:
    return QSettings(str(paths.config_dir() / "window.ini"), QSettings.Format.IniFormat)


def restore_window(window: QMainWindow, stored: QSettings | None = None) -> None:
    """Where the window was and how large, or the default size."""
    geometry = (stored or window_settings()).value("geometry")
    if isinstance(geometry, QByteArray):
        window.restoreGeometry(geometry)
    else:
        window.resize(*DEFAULT_SIZE)


def restore_geometry(window: QMainWindow, splitter: QSplitter) -> None:
    stored = window_settings()
    restore_window(window, stored)
    state = stored.value("splitter")
    if isinstance(state, QByteArray):
        splitter.restoreState(state)


def save_geometry(window: QMainWindow, splitter: QSplitter) -> None:
    stored = window_settings()
    stored.setValue("geometry", window.saveGeometry())
    stored.setValue("splitter", splitter.saveState())
    stored.sync()
