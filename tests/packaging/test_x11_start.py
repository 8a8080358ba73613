"""The window starts on the real X11 platform (xcb) under Xvfb, as on a user's desktop.

Every other UI test runs on Qt's offscreen platform, which loads none of the X11 libraries:
a missing one (libxcb-icccm4 on a fresh Debian 12) aborted the app for users while all tests
passed. This runs `annotator --self-test` as a user would, in its own process. It needs
`xvfb-run` (packages xvfb and xauth); without it the test is skipped on a developer's machine,
but fails in CI (`CI` set), which installs it (`.ci/run`).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

XVFB_RUN = shutil.which("xvfb-run")

pytestmark = [
    pytest.mark.model,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11 under Xvfb is Linux's"),
    pytest.mark.skipif(
        XVFB_RUN is None and not os.environ.get("CI"),
        reason="needs xvfb-run (apt install xvfb xauth); CI installs it and does not skip",
    ),
]


def test_the_window_starts_on_x11_and_draws_the_article(tmp_path: Path) -> None:
    shot = tmp_path / "x11.png"
    env = {**os.environ, "QT_QPA_PLATFORM": "xcb", "ANNOTATOR_HOME": str(tmp_path / "home")}
    env.pop("DISPLAY", None)
    done = subprocess.run(
        [
            XVFB_RUN or "xvfb-run",
            "-a",
            "-s",
            "-screen 0 1366x900x24",
            sys.executable,
            "-m",
            "annotator",
            "--self-test",
            "--screenshot",
            str(shot),
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "SELF-TEST OK" in done.stdout
    assert "(xcb)" in done.stdout, "the self-test did not run on X11"
    assert "qt.qpa" not in done.stderr, done.stderr
    image = QImage(str(shot))
    assert image.width() >= 800 and image.height() >= 600
    # A drawn window, not a blank one: the text and its highlights give many colours.
    colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
    assert len(colours) > 50


FIRST_START = """
import sys, time
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from annotator.ui import app as ui_app
from annotator.ui.dialogs import NameDialog

application = ui_app.make_application()

def answer() -> None:
    dialog = QApplication.activeModalWidget()
    if isinstance(dialog, NameDialog) and dialog.isActiveWindow():
        dialog.edit.setText("Ada L")
        dialog.accept()
    else:
        QTimer.singleShot(50, answer)

QTimer.singleShot(50, answer)
window = ui_app.start_checked(Path(sys.argv[1]))
deadline = time.monotonic() + 20
while not window.isActiveWindow() and time.monotonic() < deadline:
    application.processEvents()
    time.sleep(0.02)
print("ACTIVE" if window.isActiveWindow() else "NOT ACTIVE", QApplication.platformName())
"""


def test_after_the_first_start_s_name_dialog_the_window_takes_the_keys(tmp_path: Path) -> None:
    """With no window manager to focus it (a kiosk, a bare X session), the window shown after
    the name dialog closed had no keyboard focus: J and 1 went nowhere until a click."""
    _assert_active_after(FIRST_START, tmp_path)


AFTER_A_DIALOG = FIRST_START.replace(
    'print("ACTIVE" if window.isActiveWindow() else "NOT ACTIVE", QApplication.platformName())',
    """
def wait_for(condition, seconds=20.0):
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        application.processEvents()
        time.sleep(0.02)
    return condition()

assert wait_for(lambda: window.isActiveWindow() and window.start_finished), "no active window"
window.show_shortcuts()
dialog = window.shortcuts_dialog
assert wait_for(lambda: dialog.isActiveWindow()), "the key table never took the keys"
dialog.close()  # as Escape does
back = wait_for(window.isActiveWindow, 5.0)
from annotator.ui.preferences import open_preferences  # deleted as it closes
open_preferences(window)
dialog = window.preferences_dialog
assert wait_for(lambda: dialog.isActiveWindow()), "Preferences never took the keys"
dialog.reject()
back = back and wait_for(window.isActiveWindow, 5.0)
from PySide6.QtWidgets import QMessageBox
for _ in range(20):  # what the closing leaves to the event loop
    application.processEvents()
    time.sleep(0.02)
assert window.findChild(QMessageBox, "errorBox") is None, "a bug was reported"
print("ACTIVE" if back and window.isActiveWindow() else "NOT ACTIVE", QApplication.platformName())
""",
)


def test_after_a_dialog_closes_the_window_takes_the_keys_again(tmp_path: Path) -> None:
    """With no window manager, X gave the focus to no window when a dialog closed: after the
    key table, Preferences or About went away, J, Ctrl+E and F1 went nowhere until a click."""
    _assert_active_after(AFTER_A_DIALOG, tmp_path)


def _assert_active_after(script: str, tmp_path: Path) -> None:
    """Run `script` on a one-article project under Xvfb (no window manager): it must print that
    the window is active."""
    from tests.ui.conftest import make_project, wikinews_texts

    project = make_project(tmp_path / "p.annotator.db", wikinews_texts()[:1])
    env = {**os.environ, "QT_QPA_PLATFORM": "xcb", "ANNOTATOR_HOME": str(tmp_path / "home")}
    env.pop("DISPLAY", None)
    done = subprocess.run(
        [XVFB_RUN or "xvfb-run", "-a", sys.executable, "-c", script, str(project)],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "ACTIVE xcb" in done.stdout and "NOT ACTIVE" not in done.stdout, done.stdout + done.stderr
