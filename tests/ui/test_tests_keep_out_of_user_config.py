"""The tests' own guard: Qt's file dialog writes `QtProject.conf` in the config folder, which
must be the run's own, never the tester's (`tests/conftest.py`)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QApplication


def test_qt_writes_its_own_settings_into_the_run_s_folder(qapp: QApplication) -> None:
    config = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericConfigLocation))
    assert config.name.startswith("annotator-tests-config-")
    assert not config.is_relative_to(Path.home())
