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


def has_saved_layout() -> bool:
    """Whether a window closed here before left its geometry and its splitter's sizes."""
    stored = window_settings()
    return all(isinstance(stored.value(key), QByteArray) for key in ("geometry", "splitter"))


def restore_geometry(window: QMainWindow, splitter: QSplitter) -> None:
    stored = window_settings()
    geometry = stored.value("geometry")
    if isinstance(geometry, QByteArray):
        window.restoreGeometry(geometry)
    else:
        window.resize(*DEFAULT_SIZE)
    state = stored.value("splitter")
    if isinstance(state, QByteArray):
        splitter.restoreState(state)


def save_geometry(window: QMainWindow, splitter: QSplitter) -> None:
    stored = window_settings()
    stored.setValue("geometry", window.saveGeometry())
    stored.setValue("splitter", splitter.saveState())
    stored.sync()
