"""The window names its desktop entry, which is all a Wayland desktop knows it by.

Wayland gives a window no class and (on GNOME) no icon of its own: the compositor matches the
window's app id with a `.desktop` file for the name and icon in the top bar, the dock and
Alt+Tab. Qt takes the app id from `QGuiApplication.desktopFileName`, else from the executable:
"python3" under a venv, which GNOME showed with a generic icon.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication

from annotator.ui.quick_start import make_application

DESKTOP_ENTRY = Path(__file__).resolve().parents[2] / "packaging" / "linux" / "annotator.desktop"


def test_the_application_names_the_desktop_entry_the_package_installs(qapp: QApplication) -> None:
    assert qapp is make_application()
    # Qt's app id is the entry's file name without `.desktop`.
    assert QApplication.desktopFileName() == DESKTOP_ENTRY.stem
    entry = DESKTOP_ENTRY.read_text("utf-8").splitlines()
    assert f"StartupWMClass={DESKTOP_ENTRY.stem}" in entry
