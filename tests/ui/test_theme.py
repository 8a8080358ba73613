"""View > Theme switches the look at once, is remembered, and System brings the platform back."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from annotator.services.settings import load_settings
from tests.ui.conftest import open_window


def _window_lightness() -> int:
    return QApplication.palette().color(QPalette.ColorRole.Window).lightness()


def test_theme_menu_switches_and_remembers(qtbot: QtBot, project_path: Path) -> None:
    window = open_window(qtbot, project_path)
    system_style = QApplication.style().name()
    system_window = QApplication.palette().color(QPalette.ColorRole.Window)
    try:
        assert window.theme_actions["system"].isChecked()
        window.theme_actions["dark"].trigger()
        assert _window_lightness() < 100
        assert window.theme_actions["dark"].isChecked()
        assert load_settings().theme == "dark"
        window.theme_actions["light"].trigger()
        assert _window_lightness() > 200
        window.theme_actions["system"].trigger()
        assert QApplication.style().name() == system_style
        assert QApplication.palette().color(QPalette.ColorRole.Window) == system_window
        assert load_settings().theme == "system"
    finally:
        window.set_theme("system")
        window.close()


def test_the_legend_follows_a_theme_switched_at_runtime(qtbot: QtBot, project_path: Path) -> None:
    """View ▸ Theme ▸ Dark on a light window: the legend's claim chips and entity names take the
    dark scheme's colours, not the light ones with light text on them."""
    from annotator.core.model import ClaimLabel
    from annotator.ui.palette import scheme_for

    window = open_window(qtbot, project_path)
    try:
        window.theme_actions["light"].trigger()
        window.theme_actions["dark"].trigger()
        qtbot.wait(10)
        dark = scheme_for(QApplication.palette())
        assert dark.dark
        legend = window.legend
        chip = legend.claim_chip(ClaimLabel.FACTUAL)
        assert dark.claim_background(ClaimLabel.FACTUAL).name() in chip.styleSheet()
        assert dark.entity_colour("PERSON").name() in legend.checkbox("PERSON").styleSheet()
    finally:
        window.set_theme("system")
        window.close()
