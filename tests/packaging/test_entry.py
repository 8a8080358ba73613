"""The frozen app's entry point (`packaging/annotator_entry.py`), run as PyInstaller runs it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ENTRY = ROOT / "packaging" / "annotator_entry.py"

# What the frozen app does with argv, then the window's QApplication: the bootloader does not
# coerce the C locale as `python` does (PYTHONCOERCECLOCALE=0 stands for it here).
SCRIPT = f"""
import os, runpy, sys
sys.argv = ["annotator", "--version"]
try:
    runpy.run_path({str(ENTRY)!r}, run_name="__main__")
except SystemExit:
    pass
from PySide6.QtWidgets import QApplication
app = QApplication(["annotator"])
print("LC_CTYPE=" + os.environ.get("LC_CTYPE", ""))
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Qt's C locale warning is on Linux")
def test_window_started_without_a_locale_writes_no_locale_warning(tmp_path: Path) -> None:
    # `su - user`, ssh or cron: no LANG, no LC_*; installed with the .deb, `annotator --self-test`
    # began with Qt's four lines "Detected locale "C" ... reconfigure your locale".
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("LC_") and key not in ("LANG", "LANGUAGE", "PYTHONCOERCECLOCALE")
    }
    env |= {
        "PYTHONCOERCECLOCALE": "0",
        "PYTHONPATH": str(ROOT),
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(tmp_path),
        "ANNOTATOR_HOME": str(tmp_path / "home"),
    }
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, timeout=120, cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr
    assert "annotator " in done.stdout  # --version ran through the entry point
    assert "locale" not in done.stderr.lower(), done.stderr
    assert "LC_CTYPE=C.UTF-8" in done.stdout or "LC_CTYPE=C.utf8" in done.stdout


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Qt's C locale warning is on Linux")
def test_a_locale_someone_set_is_kept(tmp_path: Path) -> None:
    env = {key: value for key, value in os.environ.items() if not key.startswith("LC_") and key != "LANG"}
    env |= {"PYTHONCOERCECLOCALE": "0", "PYTHONPATH": str(ROOT), "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"}
    env |= {"QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path), "ANNOTATOR_HOME": str(tmp_path / "home")}
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, timeout=120, cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr
    assert "LC_CTYPE=\n" in done.stdout
