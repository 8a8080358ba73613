"""window.ini, where Qt keeps the window's place, is read only if it is a file of its size."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from annotator.services.paths import window_file
from annotator.ui.geometry import window_settings
from tests.ui.conftest import open_window


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_a_fifo_in_place_of_window_ini_neither_holds_the_start_nor_stays(
    qtbot: QtBot, project_path: Path
) -> None:
    """Qt reads window.ini whole before the window shows: a FIFO there held every start still,
    nothing on the screen, until it was found and removed by hand. It is set aside (named
    window.broken.ini), the window opens at its default place, and its close keeps a new file."""
    ini = window_file()
    ini.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(ini)
    # Read in another process: without the check the read waits for a writer, holding the
    # interpreter's lock, and the test is to fail, not to wait with it.
    read = "from annotator.ui.geometry import window_settings; print(window_settings().value('geometry'))"
    try:
        done = subprocess.run(
            [sys.executable, "-c", read],
            capture_output=True,
            text=True,
            timeout=60,
            cwd=Path(__file__).parents[2],
        )
    except subprocess.TimeoutExpired:  # the reader is killed on the way out
        pytest.fail("window.ini, a FIFO, was read and waited on")
    assert done.stdout.strip() == "None", done.stderr
    assert not ini.exists()
    assert stat.S_ISFIFO((ini.parent / "window.broken.ini").stat().st_mode)
    window = open_window(qtbot, project_path)
    try:
        assert window.isVisible()
        assert window.screen().availableGeometry().contains(window.geometry())
    finally:
        window.close()
    assert stat.S_ISREG(ini.stat().st_mode)
    assert window_settings().value("geometry") is not None, "the place at close is kept"


def test_a_window_ini_larger_than_any_qt_writes_is_set_aside(qtbot: QtBot) -> None:
    """A file of many megabytes where window.ini should be (another program's, a bad copy) was
    read whole at each start and at each panel's opening."""
    ini = window_file()
    ini.parent.mkdir(parents=True, exist_ok=True)
    ini.write_text("[General]\n" + ";" * 5_000_000 + "\n", encoding="utf-8")
    assert window_settings().value("geometry") is None
    assert not ini.exists() and (ini.parent / "window.broken.ini").stat().st_size > 5_000_000
