"""The "Ctrl+Enter saves" line under a note or the guidelines is read, not greyed out."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QDialog, QLabel
from pytestqt.qtbot import QtBot

from annotator import open_project
from annotator.ui.dialogs import NoteDialog
from annotator.ui.guidelines import GuidelinesEditor
from annotator.ui.theme import dark_palette, light_palette
from tests.ui.test_focus_frame import _contrast

HINT = "Ctrl+Enter saves"


def _palette(theme: str) -> QPalette:
    if theme == "light":
        return light_palette()
    if theme == "dark":
        return dark_palette()
    return QApplication.palette()  # the platform's: Fusion's greys under a bare X session


def _hint_contrast(dialog: QDialog) -> float:
    (hint,) = [label for label in dialog.findChildren(QLabel) if label.text() == HINT]
    group = QPalette.ColorGroup.Active if hint.isEnabled() else QPalette.ColorGroup.Disabled
    text = hint.palette().color(group, hint.foregroundRole())
    ground = dialog.palette().color(group, QPalette.ColorRole.Window)
    return _contrast(text, ground)


@pytest.mark.parametrize("theme", ["system", "light", "dark"])
def test_the_note_dialogs_save_key_is_legible(qtbot: QtBot, theme: str) -> None:
    """It was a disabled label: #bebebe on #efefef (1.6:1) under X, as if Ctrl+Enter did nothing."""
    dialog = NoteDialog(excerpt="The council met on Friday.")
    qtbot.addWidget(dialog)
    dialog.setPalette(_palette(theme))
    assert _hint_contrast(dialog) >= 4.5


@pytest.mark.parametrize("theme", ["system", "light", "dark"])
def test_the_guidelines_editors_save_key_is_legible(qtbot: QtBot, theme: str, project_path: Path) -> None:
    with open_project(project_path) as project:
        dialog = GuidelinesEditor(project, "# Guidelines")
        qtbot.addWidget(dialog)
        dialog.setPalette(_palette(theme))
        assert _hint_contrast(dialog) >= 4.5
